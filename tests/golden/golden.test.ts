import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { GOLDEN_GAMES, type Golden, goldenFile, goldenOf } from './golden-games';

/**
 * Behaviour is kept across refactors: each golden game, played now, gives the log, the answers,
 * the final state and the score recorded in its golden file (tests/golden/record.ts wrote them
 * before the game's code was restructured).
 */
describe.each(GOLDEN_GAMES)('golden game $kind $scenarioId seed $seed', (game) => {
  test('plays to the recorded log, answers, state and score', async () => {
    const recorded = JSON.parse(readFileSync(goldenFile(game), 'utf8')) as Golden;
    const now = await goldenOf(game);
    expect(now.answers).toEqual(recorded.answers);
    expect(now.events).toEqual(recorded.events);
    expect(now.score).toEqual(recorded.score);
    expect(now.outcome).toEqual(recorded.outcome);
    expect({ phase: now.phase, round: now.round, day: now.day }).toEqual({
      phase: recorded.phase,
      round: recorded.round,
      day: recorded.day,
    });
    expect(now.stateDigest).toBe(recorded.stateDigest);
  });
});
