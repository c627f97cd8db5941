import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SessionRuntime } from '../../../server/game/session-runtime';
import { SYSTEM } from '../../../shared/session/actor';
import type { SessionEvent } from '../../../shared/session/events';
import { audienceIncludes, inboxFor } from '../../../shared/session/injects';
import { fromLogEntry } from '../../../shared/session/log';
import { machinePhase, machineSnapshot } from '../../../shared/session/machine';
import { replay } from '../../../shared/session/replay';
import type { SessionState } from '../../../shared/session/state';
import { openTable, sendUnparsed, type Table } from './fixtures/harness';
import { PRELUDE, type Step, stepArb, withLatest } from './fixtures/session-steps';

/**
 * Model-based test of the game master: fast-check drives random sequences of commands from every
 * kind of actor (most of them refused), interleaved with the passing of time, against a real
 * session runtime on a memory store and a simulated clock. After every step:
 * - a refused command changed nothing (same state, same seq);
 * - the log is gap-free and replaying it gives the live state, byte for byte;
 * - no inject was delivered twice, and each delivery reached only the inject's audience;
 * - the machine's state value agrees with the state's phase.
 * At the end of each run, a runtime loaded from the store (snapshot + tail) equals the live one.
 */

interface Model {
  seq: number;
  log: SessionEvent[];
  /** Where the session is, so that table moves are tried while proposals can be made. */
  deciding: boolean;
}

interface Real {
  table: Table;
}

class StepCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly step: Step) {}
  check(model: Model): boolean {
    return this.step.kind !== 'command' || !this.step.whileDeciding || model.deciding;
  }
  async run(model: Model, real: Real): Promise<void> {
    const { table } = real;
    const before = JSON.stringify(table.runtime.state);
    const seqBefore = table.runtime.seq;
    if (this.step.kind === 'tick') {
      await table.tick(this.step.ms);
    } else {
      const result =
        this.step.kind === 'expire'
          ? await table.send(SYSTEM, {
              type: 'timer-expired',
              deadline: table.runtime.state.timer.deadline ?? 0,
            })
          : await sendUnparsed(
              table.runtime,
              this.step.actor,
              withLatest(this.step.command, table.runtime.state),
            );
      await table.settle();
      if (!result.ok) {
        expect(JSON.stringify(table.runtime.state)).toBe(before);
        expect(table.runtime.seq).toBe(seqBefore);
      } else {
        expect(result.seq).toBe(seqBefore + result.events.length);
      }
    }
    model.seq = table.runtime.seq;
    const now = table.runtime.state;
    model.deciding = (now.phase === 'deliberation' || now.phase === 'decision') && !now.paused;
    checkInvariants(table.runtime.state);
    expect(machinePhase(machineSnapshot(table.runtime.state))).toBe(
      table.runtime.state.paused ? 'paused' : table.runtime.state.phase,
    );
    expect(model.log.length).toBe(model.seq);
    expect(JSON.stringify(replay(model.log))).toBe(JSON.stringify(table.runtime.state));
  }
  toString(): string {
    return JSON.stringify(this.step);
  }
}

function checkInvariants(state: SessionState): void {
  const delivered = state.deliveries.map((d) => d.injectId);
  expect(new Set(delivered).size).toBe(delivered.length);
  for (const delivery of state.deliveries) {
    const inject = state.scenario.injects.find((i) => i.id === delivery.injectId);
    expect(delivery.audience).toEqual(inject?.audience);
    expect(state.injects.find((e) => e.injectId === delivery.injectId)?.status).toBe('sent');
  }
  for (const entry of state.injects) {
    expect(delivered.filter((d) => d === entry.injectId).length).toBe(entry.status === 'sent' ? 1 : 0);
  }
  for (const role of state.scenario.roles) {
    for (const delivery of inboxFor(state, role.id)) {
      const inject = state.scenario.injects.find((i) => i.id === delivery.injectId);
      expect(inject && audienceIncludes(inject.audience, role.id)).toBe(true);
    }
  }
}

describe('the session under random commands from every role', () => {
  test('replay equals the live state, refusals change nothing, injects reach only their audience once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.commands([stepArb.map((s) => new StepCommand(s))], { size: 'max', maxCommands: 120 }),
        async (commands) => {
          const table = await openTable({ scheduler: true, snapshotEvery: 7 });
          const model: Model = { seq: 1, log: [], deciding: false };
          const created = (await table.store.load('session-test')).events.map(fromLogEntry);
          model.log.push(...created);
          const unsubscribe = table.runtime.onChange((change) => model.log.push(...change.events));
          try {
            await fc.asyncModelRun(
              () => ({ model, real: { table } }),
              [...PRELUDE.map((p) => new StepCommand(p)), ...commands],
            );
            const loaded = await SessionRuntime.load(
              { store: table.store, clock: table.clock },
              'session-test',
            );
            if (!loaded.ok) expect.fail(loaded.message);
            expect(JSON.stringify(loaded.runtime.state)).toBe(JSON.stringify(table.runtime.state));
            expect(loaded.runtime.seq).toBe(table.runtime.seq);
            await loaded.runtime.dispose();
          } finally {
            unsubscribe();
            await table.dispose();
          }
        },
      ),
      { numRuns: 15, seed: 20250106 },
    );
  });
});
