import { createHash } from 'node:crypto';
import type { Scenario } from '../../shared/scenario/schema';
import { FACILITATOR } from '../../shared/session/actor';
import type { SessionState } from '../../shared/session/state';
import { MemoryStore } from '../store/memory-store';
import type { StoredEvent } from '../store/session-store';
import { ComputerPlayers } from './computer-players';
import { PhaseScheduler } from './scheduler';
import { SessionRuntime } from './session-runtime';
import { SimulatedClock } from './simulated-clock';

/**
 * One whole exercise played by computer players in every required role, as a real session
 * (runtime, memory store, phase scheduler, computer players) on a simulated clock: the driver of
 * the dry run (./dry-run.ts) and of the whole-game tests, so rehearsals and tests play the same game.
 */

export interface PlayedGame {
  runtime: SessionRuntime;
  store: MemoryStore;
  sessionId: string;
  /** The session once the computers are done: in the debrief unless the game stalled. */
  state: SessionState;
  /** The whole log (the store keeps no snapshot). */
  events: StoredEvent[];
  dispose(): Promise<void>;
}

/**
 * Plays one whole exercise with computer players in every required role: the facilitator only
 * starts it. With nobody at the table, "ready" never closes a phase (decide-table.ts), so each phase
 * waits for its timer: the clock jumps to the deadline, and an untimed phase is advanced by the
 * facilitator.
 */
export async function playWithComputers(
  scenario: Scenario,
  seed: number,
  sessionId = `dry-run-${seed}`,
): Promise<PlayedGame> {
  const store = new MemoryStore();
  const clock = new SimulatedClock();
  const created = await SessionRuntime.create(
    { store, clock, snapshotEvery: Number.POSITIVE_INFINITY },
    {
      sessionId,
      scenario,
      seed,
      joinCode: 'DRYRUN',
      facilitatorTokenHash: createHash('sha256').update(`dry-run:${sessionId}`).digest('hex'),
    },
  );
  if (!created.ok) throw new Error(`${created.code}: ${created.message}`);
  const { runtime } = created;
  const scheduler = new PhaseScheduler(runtime, { clock, timers: clock });
  const computers = new ComputerPlayers(runtime);
  scheduler.start();
  computers.start();
  const settle = async () => {
    await runtime.idle();
    await computers.idle();
  };

  await runtime.command(FACILITATOR, { type: 'start' });
  await settle();
  // Each round has five phases; the bound only stops a scenario that would never end.
  const maxSteps = (scenario.rounds.count + 2) * 12;
  for (let step = 0; step < maxSteps && runtime.state.phase !== 'debrief'; step++) {
    const { deadline } = runtime.state.timer;
    if (deadline !== null) clock.advanceTo(deadline);
    else await runtime.command(FACILITATOR, { type: 'advance' });
    await settle();
  }
  const { events } = await store.load(sessionId);
  return {
    runtime,
    store,
    sessionId,
    state: runtime.state,
    events,
    dispose: async () => {
      scheduler.dispose();
      computers.dispose();
      await runtime.dispose();
    },
  };
}
