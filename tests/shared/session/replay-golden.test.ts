import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Scenario } from '../../../shared/scenario/schema';
import type { LogEntry } from '../../../shared/session/log';
import { replay } from '../../../shared/session/replay';
import { GOLDEN_GAMES, type Golden, goldenFile } from '../../golden/games';
import { shippedScenario } from './fixtures/shipped';
import { tableScenario } from './fixtures/table-scenario';

/**
 * The pure `replay` of shared/session, with no server module loaded (this file imports none, nor
 * does anything it imports): each golden log (tests/golden, recorded through the server's runtime
 * before the game moved into shared/session) replays to the recorded final state, byte for byte.
 */
const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

function scenarioOf(golden: Golden): Scenario {
  return golden.game.kind === 'computers' ? shippedScenario(golden.game.scenarioId) : tableScenario();
}

describe.each(GOLDEN_GAMES)('the golden log of $kind $scenarioId seed $seed', (game) => {
  test('replays to the recorded state and score', () => {
    const golden = JSON.parse(readFileSync(goldenFile(game), 'utf8')) as Golden;
    const scenario = scenarioOf(golden);
    const log: LogEntry[] = golden.events.map((e) => {
      if (e.type !== 'session-created') return e;
      const { scenarioDigest, ...data } = e.data as { scenarioDigest: string };
      expect(digest(scenario)).toBe(scenarioDigest);
      return { ...e, data: { ...data, scenario } };
    });
    const state = replay(log);
    expect(state.score).toEqual(golden.score);
    expect(state.phase).toBe(golden.phase);
    expect(digest(state)).toBe(golden.stateDigest);
  });
});
