import { afterEach, describe, expect, test } from 'vitest';
import { SYSTEM } from '../../../shared/session/actor';
import { accepted, advanceTo, openTable, type Table } from './fixtures/harness';

/**
 * Phase timers on a simulated clock: deadlines live in the state, the scheduler turns an expired
 * one into a logged `timer-expired`, pause freezes the time left and resume restores it exactly.
 * The test scenario's deliberation lasts 120 s.
 */

let table: Table | undefined;
afterEach(async () => {
  await table?.dispose();
  table = undefined;
});

async function atDeliberation(): Promise<Table> {
  table = await openTable({ players: ['infra', 'cfo', 'investor'], scheduler: true });
  await advanceTo(table, 'deliberation', 1);
  return table;
}

describe('phase timers', () => {
  test('a phase closes by itself exactly at its deadline', async () => {
    const t = await atDeliberation();
    const started = t.clock.now();
    expect(t.runtime.state.timer).toEqual({
      deadline: started + 120_000,
      remainingMs: null,
      durationMs: 120_000,
    });
    await t.tick(119_999);
    expect(t.runtime.state.phase).toBe('deliberation');
    await t.tick(1);
    expect(t.runtime.state.phase).toBe('decision');
    expect(t.runtime.state.phaseStartedAt).toBe(started + 120_000);
    const last = (await t.store.load('session-test')).events.at(-1);
    expect(last).toMatchObject({
      type: 'phase-advanced',
      at: started + 120_000,
      data: { cause: 'timer', actor: SYSTEM },
    });
  });

  test('paused at 40 s of 120 s, the phase closes exactly 80 s after the resume', async () => {
    const t = await atDeliberation();
    await t.tick(40_000);
    accepted(await t.facilitator({ type: 'pause' }));
    expect(t.runtime.state.timer).toMatchObject({ deadline: null, remainingMs: 80_000 });
    expect(t.scheduler?.armedFor).toBeNull();

    await t.tick(10 * 60_000); // a long pause: nothing expires
    expect(t.runtime.state.phase).toBe('deliberation');
    expect(t.runtime.state.paused).toBe(true);

    accepted(await t.facilitator({ type: 'resume' }));
    const resumedAt = t.clock.now();
    expect(t.runtime.state.timer).toMatchObject({ deadline: resumedAt + 80_000, remainingMs: null });
    await t.tick(79_999);
    expect(t.runtime.state.phase).toBe('deliberation');
    await t.tick(1);
    expect(t.runtime.state.phase).toBe('decision');
    expect(t.runtime.state.phaseStartedAt).toBe(resumedAt + 80_000);
  });

  test('"fire now" during a pause is delivered at the resume, not before and not later', async () => {
    const t = await atDeliberation();
    await t.tick(5_000);
    accepted(await t.facilitator({ type: 'pause' }));
    accepted(await t.facilitator({ type: 'fire-inject', injectId: 'leak' }));
    expect(t.runtime.state.deliveries.some((d) => d.injectId === 'leak')).toBe(false);
    expect(t.runtime.state.injects.find((e) => e.injectId === 'leak')).toMatchObject({
      status: 'ready',
      queued: true,
    });
    // Firing it again while queued is refused rather than queued twice.
    expect((await t.facilitator({ type: 'fire-inject', injectId: 'leak' })).ok).toBe(false);

    await t.tick(30_000);
    expect(t.runtime.state.deliveries.some((d) => d.injectId === 'leak')).toBe(false);
    accepted(await t.facilitator({ type: 'resume' }));
    const resumedAt = t.clock.now();
    const delivered = t.runtime.state.deliveries.filter((d) => d.injectId === 'leak');
    expect(delivered).toEqual([
      expect.objectContaining({
        at: resumedAt,
        cause: 'facilitator',
        audience: ['investor'],
        phase: 'deliberation',
      }),
    ]);
    expect(t.runtime.state.injects.find((e) => e.injectId === 'leak')).toMatchObject({
      status: 'sent',
      queued: false,
    });
  });

  test('extending adds 30 s, reopens submissions and makes the old expiry stale', async () => {
    const t = await atDeliberation();
    const oldDeadline = t.runtime.state.timer.deadline ?? 0;
    accepted(await t.as('infra', { type: 'ready' }));
    expect(t.runtime.state.ready).toHaveLength(1);
    accepted(await t.facilitator({ type: 'extend' }));
    expect(t.runtime.state.timer.deadline).toBe(oldDeadline + 30_000);
    expect(t.runtime.state.ready).toEqual([]);
    await t.tick(120_000);
    const stale = await t.send(SYSTEM, { type: 'timer-expired', deadline: oldDeadline });
    expect(stale).toMatchObject({ ok: false, code: 'stale-timer' });
    expect(t.runtime.state.phase).toBe('deliberation');
    await t.tick(30_000);
    expect(t.runtime.state.phase).toBe('decision');
  });

  test('an expiry reported early, or while paused, is stale and changes nothing', async () => {
    const t = await atDeliberation();
    const deadline = t.runtime.state.timer.deadline ?? 0;
    const seq = t.runtime.seq;
    expect(await t.send(SYSTEM, { type: 'timer-expired', deadline })).toMatchObject({
      ok: false,
      code: 'stale-timer',
    });
    accepted(await t.facilitator({ type: 'pause' }));
    await t.tick(200_000);
    expect(await t.send(SYSTEM, { type: 'timer-expired', deadline })).toMatchObject({
      ok: false,
      code: 'stale-timer',
    });
    expect(t.runtime.seq).toBe(seq + 1);
  });

  test('a session loaded from the store re-arms its scheduler from the deadline in its state', async () => {
    const t = await atDeliberation();
    const deadline = t.runtime.state.timer.deadline;
    await t.tick(60_000);
    await t.dispose();
    const { SessionRuntime } = await import('../../../server/game/session-runtime');
    const { PhaseScheduler } = await import('../../../server/game/scheduler');
    const loaded = await SessionRuntime.load({ store: t.store, clock: t.clock }, 'session-test');
    if (!loaded.ok) expect.fail(loaded.message);
    const scheduler = new PhaseScheduler(loaded.runtime, { clock: t.clock, timers: t.clock });
    scheduler.start();
    expect(scheduler.armedFor).toBe(deadline);
    t.clock.advance(60_000);
    await loaded.runtime.idle();
    expect(loaded.runtime.state.phase).toBe('decision');
    scheduler.dispose();
    await loaded.runtime.dispose();
    table = undefined;
  });
});
