import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { playWithComputers } from '../../server/game/dry-run';
import { FACILITATOR, SYSTEM } from '../../shared/session/actor';
import type { SessionState } from '../../shared/session/state';
import { openTable, sendUnparsed } from '../server/game/fixtures/harness';
import { PRELUDE, type Step, stepArb, withLatest } from '../server/game/fixtures/session-steps';
import { shippedScenario } from '../shared/session/fixtures/shipped';
import type { Golden, GoldenEvent, GoldenGame } from './games';

export { GOLDEN_GAMES, type Golden, goldenFile } from './games';

/**
 * The golden games: whole-game logs, states and scores for fixed seeds, recorded before the game's
 * code is moved or restructured and compared after (a refactor keeps behaviour). Two kinds:
 * - `computers`: a shipped scenario played by computer players in every role (the dry run's driver);
 * - `steps`: a fixed sample of random steps (tests/server/game/fixtures/session-steps.ts) against the
 *   test scenario, so that refusals and their codes, pauses, extensions, injects fired by hand,
 *   overrides and timer expiry are all on record, not only the happy path.
 */

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

function withoutScenario(events: readonly GoldenEvent[]): GoldenEvent[] {
  return events.map((e) => {
    if (e.type !== 'session-created') return e;
    const { scenario, ...rest } = e.data as { scenario: unknown };
    return { ...e, data: { ...rest, scenarioDigest: digest(scenario) } };
  });
}

function summary(game: GoldenGame, answers: string[], events: GoldenEvent[], state: SessionState): Golden {
  return {
    game,
    answers,
    events: withoutScenario(events),
    stateDigest: digest(state),
    phase: state.phase,
    round: state.round,
    day: state.sim.day,
    score: state.score,
    outcome: state.outcome,
  };
}

/** Plays the golden game now and summarizes it in the golden file's shape. */
export async function goldenOf(game: GoldenGame): Promise<Golden> {
  if (game.kind === 'computers') {
    const played = await playWithComputers(shippedScenario(game.scenarioId), game.seed);
    try {
      return summary(game, [], played.events as GoldenEvent[], played.state);
    } finally {
      await played.dispose();
    }
  }
  const table = await openTable({ scheduler: true, snapshotEvery: 7, seed: game.seed });
  const answers: string[] = [];
  // Ending cuts a run short, so the sample plays without `end` and ends once, at the close.
  const sampled = fc.sample(stepArb, { seed: game.seed, numRuns: game.steps }).filter((s) => !isEnd(s));
  const steps: Step[] = [
    ...PRELUDE,
    ...sampled,
    { kind: 'command', actor: FACILITATOR, command: { type: 'end' } },
  ];
  try {
    for (const step of steps) {
      const now = table.runtime.state;
      const deciding = (now.phase === 'deliberation' || now.phase === 'decision') && !now.paused;
      if (step.kind === 'command' && step.whileDeciding && !deciding) continue;
      if (step.kind === 'tick') {
        await table.tick(step.ms);
        answers.push(`tick ${step.ms}`);
        continue;
      }
      const result =
        step.kind === 'expire'
          ? await table.send(SYSTEM, { type: 'timer-expired', deadline: now.timer.deadline ?? 0 })
          : await sendUnparsed(table.runtime, step.actor, withLatest(step.command, now));
      await table.settle();
      answers.push(result.ok ? `ok ${result.seq}` : result.code);
    }
    const events = await table.store.readEvents('session-test');
    return summary(game, answers, events as GoldenEvent[], table.runtime.state);
  } finally {
    await table.dispose();
  }
}

function isEnd(step: Step): boolean {
  return step.kind === 'command' && (step.command as { type?: unknown } | null)?.type === 'end';
}
