import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type PlayedGame, playWithComputers } from '../../../server/game/play-with-computers';
import { reportDocx } from '../../../server/reports/report-docx';
import { afterActionReport } from '../../../shared/views/after-action-report';
import { forkReport } from '../../../shared/views/fork-report';
import { shippedScenario } from '../session/fixtures/shipped';

/**
 * The after-action report's "What if: the forks" (issue 17): the facilitator's kept forks,
 * recomputed from the log as text, the same for the print page and the Word file.
 */
describe('the forks of the after-action report', () => {
  let game: PlayedGame;
  beforeAll(async () => {
    game = await playWithComputers(shippedScenario('socialwave-first-30-days'), 3);
  }, 60_000);
  afterAll(() => game?.dispose());

  test('each kept fork: its name, round, change, both futures and what differed first', () => {
    const [fork, broken] = forkReport(game.events, [
      {
        name: 'CDN burst in round 1',
        round: 1,
        alternative: { kind: 'add', actionId: 'cdn-burst-capacity', params: {} },
      },
      { name: 'Never decided', round: 9, alternative: { kind: 'drop', proposalId: 'p-1' } },
    ]);
    expect(fork).toMatchObject({ name: 'CDN burst in round 1', round: 1 });
    expect(fork?.change).toContain('Round 1: also do “Emergency CDN capacity”');
    expect(fork?.error).toBeUndefined();
    const objectives = game.state.scenario.objectives.length;
    for (const future of [fork?.original, fork?.fork]) {
      expect(future?.outcome).toMatch(/\S/);
      expect(future?.objectivesMet).toMatch(new RegExp(`^\\d of ${objectives} met$`));
      expect(future?.objectives).toHaveLength(objectives);
    }
    expect(fork?.fork?.applied).toContain('Emergency CDN capacity');
    expect(fork?.firstDifference).toMatch(/^Day \d+ \(round 1\)|^Nothing/);
    // A fork the log no longer fits is listed with why, not dropped.
    expect(broken).toMatchObject({ name: 'Never decided', round: 9 });
    expect(broken?.error).toMatch(/never decided/);
    // Deterministic: the same log and specs give the same section.
    expect(
      forkReport(game.events, [
        {
          name: 'CDN burst in round 1',
          round: 1,
          alternative: { kind: 'add', actionId: 'cdn-burst-capacity', params: {} },
        },
      ])[0],
    ).toEqual(fork);
  });

  test('the Word file has the section when forks are given, and not otherwise', async () => {
    const report = afterActionReport(game.state, 'facilitator');
    const forks = forkReport(game.events, [
      {
        name: 'CDN burst in round 1',
        round: 1,
        alternative: { kind: 'add', actionId: 'cdn-burst-capacity', params: {} },
      },
    ]);
    const text = async (buffer: Buffer) => (await mammoth.extractRawText({ buffer })).value;
    const withForks = await text(await reportDocx(report, { forks }));
    expect(withForks).toContain('What if: the forks');
    expect(withForks).toContain('CDN burst in round 1');
    expect(withForks).toContain(forks[0]?.fork?.outcome ?? '?');
    expect(withForks).toContain('What differed first');
    expect(await text(await reportDocx(report))).not.toContain('What if: the forks');
  });
});
