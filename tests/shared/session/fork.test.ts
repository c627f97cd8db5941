import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type PlayedGame, playWithComputers } from '../../../server/game/play-with-computers';
import type { SessionEvent } from '../../../shared/session/events';
import { type ForkRun, firstDifference, runFork } from '../../../shared/session/fork';
import { fromLogEntry } from '../../../shared/session/log';
import { compareFork } from '../../../shared/views/fork-comparison';
import { shippedScenario } from './fixtures/shipped';
import { accepted, advanceTo, openTable } from './fixtures/table';

/**
 * Fork-and-compare (issue 17): a fork replays the log to a round's decisions, changes one through
 * the game's own rules and re-runs the rest; the difference is the decision alone.
 */

const DAYS_PER_ROUND = 10;

describe('a fork of the flagship at round 3 with one decision changed', () => {
  let game: PlayedGame;
  let log: SessionEvent[];
  let before: string;
  let run: ForkRun;
  let dropped: string;

  beforeAll(async () => {
    game = await playWithComputers(shippedScenario('socialwave-hypergrowth'), 1);
    log = game.events.map(fromLogEntry);
    before = JSON.stringify(game.events);
    const applied = game.state.proposals.find((p) => p.round === 3 && p.resolution?.applied);
    if (!applied) throw new Error('the computers applied nothing in round 3 (seed 1)');
    dropped = applied.id;
    const result = runFork(game.events, { round: 3, alternative: { kind: 'drop', proposalId: dropped } });
    if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
    run = result.run;
  }, 60_000);
  afterAll(() => game?.dispose());

  test('the original future is the exercise as it was played', () => {
    expect(run.original).toEqual(game.state);
    expect(run.original.phase).toBe('debrief');
  });

  test('the first two rounds are identical in both futures', () => {
    expect(run.fork.rounds.slice(0, 2)).toEqual(run.original.rounds.slice(0, 2));
    const shared = (s: ForkRun['original']) => s.sim.history.filter((d) => d.day <= 2 * DAYS_PER_ROUND);
    expect(shared(run.fork)).toEqual(shared(run.original));
    expect(shared(run.fork)).toHaveLength(2 * DAYS_PER_ROUND + 1);
  });

  test('the trajectories differ from round 3, and round 3 applied a different set of decisions', () => {
    const difference = firstDifference(run.original, run.fork);
    expect(difference?.round).toBe(3);
    expect(difference?.day).toBeGreaterThan(2 * DAYS_PER_ROUND);
    expect(difference?.day).toBeLessThanOrEqual(3 * DAYS_PER_ROUND);
    expect(difference?.metrics.length).toBeGreaterThan(0);
    const comparison = compareFork(run);
    expect(comparison.original.applied.map((a) => a.proposalId)).toContain(dropped);
    expect(comparison.fork.applied.map((a) => a.proposalId)).not.toContain(dropped);
    expect(comparison.fork.series.days).toEqual(comparison.original.series.days);
    expect(comparison.fork.series.metrics['cash-usd']).not.toEqual(
      comparison.original.series.metrics['cash-usd'],
    );
    expect(run.fork.proposals.find((p) => p.id === dropped)?.override?.decision).toBe('reject');
  });

  test('the fork is reproducible: the same log and alternative give the same result twice', () => {
    const again = runFork(log, { round: 3, alternative: { kind: 'drop', proposalId: dropped } });
    expect(again.ok && JSON.stringify(again.run)).toBe(JSON.stringify(run));
  });

  test('the exercise log is unchanged by forking', () => {
    runFork(game.events, { round: 3, alternative: { kind: 'add', actionId: 'bridge-funding' } });
    expect(JSON.stringify(game.events)).toBe(before);
  });

  test('a fork may add an action from the catalog, or apply a proposal that was not applied', () => {
    const added = runFork(log, {
      round: 3,
      alternative: { kind: 'add', actionId: 'read-replicas', params: { replicas: 2 } },
    });
    expect(added).toMatchObject({ ok: true });
    if (added.ok) {
      const proposal = added.run.fork.proposals.find((p) => p.round === 3 && p.actionId === 'read-replicas');
      expect(proposal?.resolution?.applied).toBe(true);
      expect(firstDifference(added.run.original, added.run.fork)?.round).toBe(3);
    }
    const notApplied = game.state.proposals.find((p) => !p.resolution?.applied && p.status !== 'withdrawn');
    if (notApplied) {
      const applied = runFork(log, {
        round: notApplied.round,
        alternative: { kind: 'apply', proposalId: notApplied.id },
      });
      expect(applied.ok && applied.run.fork.proposals.find((p) => p.id === notApplied.id)?.status).toBe(
        'approved',
      );
    }
  });

  test('an alternative that does not fit the round is refused, as a value', () => {
    const notThere = runFork(log, { round: 3, alternative: { kind: 'drop', proposalId: 'proposal-999' } });
    expect(notThere).toMatchObject({ ok: false, code: 'not-found' });
    const neverDecided = runFork(log, { round: 12, alternative: { kind: 'add', actionId: 'status-page' } });
    expect(neverDecided).toMatchObject({ ok: false, code: 'not-found' });
    const applyApplied = runFork(log, { round: 3, alternative: { kind: 'apply', proposalId: dropped } });
    expect(applyApplied).toMatchObject({ ok: false, code: 'conflict' });
  });
});

describe('re-deciding the rest of the log against the forked state', () => {
  test('a later command the fork no longer allows is skipped and reported, with the decisions on it', () => {
    const table = openTable({ players: ['infra', 'cfo', 'investor'] });
    advanceTo(table, 'deliberation', 1);
    const pooler = accepted(
      table.as('infra', { type: 'propose', actionId: 'pooler', rationale: 'pool first' }),
    );
    advanceTo(table, 'deliberation', 2);
    accepted(table.as('infra', { type: 'propose', actionId: 'sharding', rationale: 'then shard' }));
    const sharding = table.session.state.proposals.at(-1)?.id ?? '';
    accepted(table.as('cfo', { type: 'vote', proposalId: sharding, vote: 'yes' }));
    advanceTo(table, 'debrief');
    const poolerId = pooler.events[0]?.type === 'proposal-submitted' ? pooler.events[0].proposalId : '';

    const result = runFork(table.session.log, {
      round: 1,
      alternative: { kind: 'drop', proposalId: poolerId },
    });
    if (!result.ok) expect.fail(result.message);
    expect(result.run.refused.map((r) => [r.round, r.what, r.code])).toEqual([
      [2, 'propose sharding', 'prerequisite-missing'],
      [2, `vote not-made:${sharding}`, 'not-found'],
    ]);
    expect(result.run.fork.proposals.some((p) => p.actionId === 'sharding')).toBe(false);
    expect(result.run.original.proposals.find((p) => p.actionId === 'sharding')?.resolution?.applied).toBe(
      true,
    );
    expect(result.run.fork.phase).toBe('debrief');
  });
});
