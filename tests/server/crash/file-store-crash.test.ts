import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileStore } from '../../../server/store/file-store';
import { runCrashLane } from './crash-lane';
import { SeededRandom } from './seeded-random';

/** Two lanes of ten rounds: twenty SIGKILLs of the real server, two servers booting side by side. */
const LANES = 2;
const ROUNDS_PER_LANE = 10;
const SEED = 20250107;

describe('crash safety with the embedded file store', () => {
  it(`loses no acknowledged command over ${LANES * ROUNDS_PER_LANE} SIGKILLs of the server, and restores exactly the replayed state`, async () => {
    const random = new SeededRandom(SEED);
    const results = await Promise.all(
      Array.from({ length: LANES }, (_, lane) => {
        const dataDir = mkdtempSync(path.join(tmpdir(), 'crisis-table-crash-file-'));
        return runCrashLane(`file${lane + 1}`, ROUNDS_PER_LANE, random.fork(), {
          env: { DATA_DIR: dataDir },
          openStore: () => FileStore.open({ dataDir }),
        });
      }),
    );
    for (const result of results) {
      // The tables did real work, and restores went through snapshots (every 100 events), not only replays.
      expect(result.acked).toBeGreaterThan(150);
      expect(result.unansweredAtCrash).toBeGreaterThan(0);
      expect(result.sessionsWithSnapshot).toBe(2);
    }
  }, 180_000);
});
