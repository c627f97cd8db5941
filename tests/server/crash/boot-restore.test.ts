import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../../server/app-server';
import { loadConfig } from '../../../server/config';
import { createLogger } from '../../../server/logger';
import { createExercise, TestClient } from '../../helpers/socket-client';
import { FakeClock } from '../game/fixtures/fake-clock';
import { CrashTable, SCENARIO, sleep } from './crash-table';
import { exportedLog } from './log-checks';
import { SeededRandom } from './seeded-random';
import { startServerProcess } from './server-process';

/**
 * On boot the server restores every unfinished session, and a running phase timer keeps its
 * absolute deadline (so it closes the phase when it always would have), while a paused session
 * stays paused with the same time left.
 */

describe('boot restore after a crash', () => {
  it('brings back every unfinished session with its deadline, a paused one still paused, and logs a torn tail', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'crisis-table-boot-'));
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    const random = new SeededRandom(11);
    let server = await startServerProcess(env);
    try {
      // Round 1 injects, its 60 s timer running.
      const running = await CrashTable.create(server.url, random.fork(), 'Running');
      // The same, paused a moment later.
      const paused = await CrashTable.create(server.url, random.fork(), 'Paused');
      await sleep(50);
      await paused.facilitatorClient.must({ type: 'pause' });
      await paused.facilitatorClient.untilSeq(paused.acked.at(-1)?.seq ?? 0);
      // Still in the lobby, and one that has ended.
      const lobby = await createExercise(server.url, SCENARIO);
      const ended = await createExercise(server.url, SCENARIO);
      const ender = await TestClient.connect(server.url);
      await ender.authenticate(ended.sessionId, ended.facilitatorToken);
      await ender.must({ type: 'end' });
      ender.close();

      const runningTimer = running.facilitatorClient.view.timer;
      const pausedView = paused.facilitatorClient.view;
      expect(runningTimer.deadline).not.toBeNull();
      expect(pausedView).toMatchObject({ paused: true, timer: { deadline: null } });
      expect(pausedView.timer.remainingMs).toBeGreaterThan(0);
      running.disconnect();
      paused.disconnect();

      // Time passes, then the process dies in the middle of writing an append to the lobby's log.
      await sleep(300);
      await server.kill();
      appendFileSync(
        path.join(dataDir, 'sessions', lobby.sessionId, 'events.jsonl'),
        '[{"seq":2,"type":"play',
      );
      server = await startServerProcess(env);

      // Absolute deadline: a restart costs the table no time and gives it none.
      const runningView = (await running.connect(server.url)).view;
      expect(runningView).toMatchObject({ phase: 'injects', paused: false });
      expect(runningView.timer).toEqual(runningTimer);
      // Paused stays paused, with exactly the time it had left.
      const stillPaused = (await paused.connect(server.url)).view;
      expect(stillPaused).toMatchObject({ phase: 'injects', paused: true });
      expect(stillPaused.timer).toEqual(pausedView.timer);
      const lobbyClient = await TestClient.connect(server.url);
      expect(await lobbyClient.authenticate(lobby.sessionId, lobby.facilitatorToken)).toMatchObject({
        ok: true,
        seq: 1,
      });
      expect(lobbyClient.view.phase).toBe('lobby');
      const endedClient = await TestClient.connect(server.url);
      expect(await endedClient.authenticate(ended.sessionId, ended.facilitatorToken)).toMatchObject({
        ok: false,
        code: 'unknown-session',
      });
      for (const client of [lobbyClient, endedClient]) client.close();
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

      // The torn append was never acknowledged: tolerated, and reported in the server's log.
      const warnings = server
        .stdout()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: number; code?: string; sessionId?: string });
      expect(warnings).toContainEqual(
        expect.objectContaining({ level: 40, code: 'torn-tail', sessionId: lobby.sessionId }),
      );

      // Resuming gives the paused phase back exactly the time it had left.
      const resumedSeq = await paused.facilitatorClient.must({ type: 'resume' });
      await paused.facilitatorClient.untilSeq(resumedSeq);
      const log = await exportedLog(server.url, paused.sessionId, paused.facilitatorToken);
      const resumed = log[resumedSeq - 1];
      expect(resumed?.type).toBe('session-resumed');
      expect(paused.facilitatorClient.view.timer.deadline).toBe(
        (resumed?.at ?? 0) + (pausedView.timer.remainingMs ?? 0),
      );
      running.disconnect();
      paused.disconnect();
    } finally {
      await server.kill();
    }
  }, 60_000);
});

describe('boot restore of phase timers (simulated clock)', () => {
  async function start(dataDir: string, clock: FakeClock): Promise<RunningServer> {
    const loaded = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    return startServer(loaded.config, createLogger('silent'), {
      clock,
      timers: clock,
      parts: () => [],
      realtimeLimits: { burst: 1e9, perSecond: 1e9 },
    });
  }

  it('closes a restored phase exactly at its original deadline, and arms nothing for a paused one', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'crisis-table-boot-clock-'));
    const clock = new FakeClock();
    const random = new SeededRandom(12);
    const first = await start(dataDir, clock);
    const running = await CrashTable.create(first.url, random.fork(), 'Timed');
    const paused = await CrashTable.create(first.url, random.fork(), 'Frozen');
    const deadline = running.facilitatorClient.view.timer.deadline ?? 0;
    expect(deadline).toBe(clock.now() + 60_000); // the scenario's 60 s injects phase
    clock.advance(20_000);
    await paused.facilitatorClient.must({ type: 'pause' });
    running.disconnect();
    paused.disconnect();
    await first.close();
    clock.advance(15_000); // the server is down for a while

    const second = await start(dataDir, clock);
    try {
      // One timer armed, for the running session's original deadline; none for the paused one.
      expect(clock.nextTimerAt).toBe(deadline);
      await running.connect(second.url);
      const frozen = (await paused.connect(second.url)).view;
      expect(frozen).toMatchObject({ paused: true, timer: { deadline: null, remainingMs: 40_000 } });

      clock.advance(deadline - clock.now() - 1);
      await sleep(50);
      expect(running.facilitatorClient.view.phase).toBe('injects');
      clock.advance(1);
      await running.facilitatorClient.until(
        () => running.facilitatorClient.view.phase === 'deliberation',
        'the restored timer to close the phase',
      );
      const log = await exportedLog(second.url, running.sessionId, running.facilitatorToken);
      expect(log.at(-1)).toMatchObject({ type: 'phase-advanced', at: deadline, data: { cause: 'timer' } });

      // The paused session's time does not run, however long the wait.
      const pausedSeq = paused.facilitatorClient.seq;
      clock.advance(10 * 60_000);
      await sleep(50);
      expect(paused.facilitatorClient.seq).toBe(pausedSeq);
      expect(paused.facilitatorClient.view.timer.remainingMs).toBe(40_000);
    } finally {
      running.disconnect();
      paused.disconnect();
      await second.close();
    }
  }, 60_000);
});
