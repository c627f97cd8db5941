import { describe, expect, it } from 'vitest';
import { bootInChild } from '../../helpers/boot-in-child';
import { floodCreation } from '../../helpers/create-flood';
import { startTestServer } from '../../helpers/test-server';

/**
 * Issue 14, finding 1, end to end: anonymous creation at full speed from several addresses, then a
 * restart of the server in a child process with a small heap limit on the same data directory. It
 * boots (it used to abort at boot after 20 s of creation with a 512 MB heap), and the lobbies it
 * created expire: a boot after LOBBY_EXPIRY_MINUTES deletes them instead of restoring them. The
 * bench (`npm run bench -- abuse`) does the same for 60 s with a 512 MB heap.
 */
describe('finding 1: after creation at full speed the server still boots, and the lobbies expire', () => {
  it('creates at most the rate from 8 addresses in 3 s; a 96 MB child boots and restores them; hours later they are gone', async () => {
    const server = await startTestServer({
      // The defaults of server/config.ts (the test server lifts them for other suites).
      SESSION_CREATE_PER_ADDRESS_PER_MINUTE: '6',
      SESSION_CREATE_PER_MINUTE: '60',
    });
    const dataDir = server.config.DATA_DIR;
    let flood: Awaited<ReturnType<typeof floodCreation>>;
    try {
      flood = await floodCreation({
        url: server.url,
        scenarioId: 'socialwave-first-30-days',
        durationMs: 3_000,
        addresses: 8,
      });
    } finally {
      await server.close();
    }
    // 6 per address; the total budget (60) is not reached by 8 addresses.
    expect(flood.created).toBe(48);
    expect(flood.refused[429]).toBeGreaterThan(100);
    expect(Object.keys(flood.refused)).toEqual(['429']);

    const boot = await bootInChild({ dataDir, heapMb: 96, timeoutMs: 30_000 });
    expect(boot.booted, boot.stderr).toBe(true);
    expect(boot).toMatchObject({ restored: 48, expired: 0 });
    expect(boot.heapUsedBytes).toBeLessThan(96 * 2 ** 20);

    // Four hours and a minute later (LOBBY_EXPIRY_MINUTES, 240): nobody joined, so none is restored.
    const later = await bootInChild({ dataDir, heapMb: 96, clockOffsetMs: 241 * 60_000, timeoutMs: 30_000 });
    expect(later.booted, later.stderr).toBe(true);
    expect(later).toMatchObject({ restored: 0, expired: 48 });
    const after = await bootInChild({ dataDir, heapMb: 96, timeoutMs: 30_000 });
    expect(after).toMatchObject({ booted: true, restored: 0, expired: 0 });
  }, 60_000);
});
