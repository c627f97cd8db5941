import { describe, expect, test } from 'vitest';
import { inboxFor } from '../../../shared/session/injects';
import { accepted, advanceTo, openTable, type Table } from './fixtures/table';

/**
 * The inject timeline of the test scenario: outage-news (round 1 injects, all), cfo-memo (round 2
 * deliberation, CFO only), day-three-spike (day 3, infra only), trust-alarm (condition: user trust
 * under 100, investor and CFO), leak (manual, investor only).
 */

let table: Table | undefined;

async function seated(): Promise<Table> {
  table = await openTable({ players: ['infra', 'cfo', 'investor'] });
  return table;
}

const deliveryOf = (t: Table, injectId: string) =>
  t.session.state.deliveries.filter((d) => d.injectId === injectId);

describe('injects', () => {
  test('each trigger delivers its inject once, when due, to its audience only', async () => {
    const t = await seated();
    await advanceTo(t, 'injects', 1);
    expect(deliveryOf(t, 'outage-news')).toEqual([
      expect.objectContaining({ round: 1, day: 0, phase: 'injects', cause: 'scheduled', audience: 'all' }),
    ]);

    await advanceTo(t, 'resolution', 1);
    // Days 1-2 simulated; trust fell under 100 so the conditional inject fired after the resolution.
    expect(deliveryOf(t, 'trust-alarm')).toEqual([
      expect.objectContaining({ round: 1, day: 2, phase: 'resolution', cause: 'condition' }),
    ]);
    expect(deliveryOf(t, 'day-three-spike')).toEqual([]);

    await advanceTo(t, 'deliberation', 2);
    expect(deliveryOf(t, 'cfo-memo')).toEqual([
      expect.objectContaining({ round: 2, phase: 'deliberation', cause: 'scheduled', audience: ['cfo'] }),
    ]);
    await advanceTo(t, 'resolution', 2);
    expect(deliveryOf(t, 'day-three-spike')).toEqual([
      expect.objectContaining({ round: 2, day: 3, phase: 'resolution', cause: 'day', audience: ['infra'] }),
    ]);

    await advanceTo(t, 'debrief');
    const state = t.session.state;
    expect(state.deliveries.map((d) => d.injectId).sort()).toEqual([
      'cfo-memo',
      'day-three-spike',
      'outage-news',
      'trust-alarm',
    ]);
    expect(state.injects.find((e) => e.injectId === 'leak')?.status).toBe('ready');
    expect(inboxFor(state, 'infra').map((d) => d.injectId)).toEqual(['outage-news', 'day-three-spike']);
    expect(inboxFor(state, 'cfo').map((d) => d.injectId)).toEqual(['outage-news', 'trust-alarm', 'cfo-memo']);
    expect(inboxFor(state, 'investor').map((d) => d.injectId)).toEqual(['outage-news', 'trust-alarm']);
  });

  test("an inject's effects reach the simulation on the next simulated day", async () => {
    const t = await seated();
    await advanceTo(t, 'deliberation', 1);
    const before = t.session.state.sim.risk.investorConfidence;
    accepted(await t.facilitator({ type: 'fire-inject', injectId: 'leak' }));
    expect(t.session.state.pendingEffects).toContainEqual({
      dueDay: 1,
      source: { kind: 'inject', injectId: 'leak' },
      effects: [{ type: 'communication', userTrust: 0, investorConfidence: -3 }],
    });
    await advanceTo(t, 'review');
    const day1 = t.session.state.sim.history.find((d) => d.day === 1);
    expect(
      t.session.state.pendingEffects.some((p) => p.source.kind === 'inject' && p.source.injectId === 'leak'),
    ).toBe(false);
    expect(day1?.metrics['investor-confidence']).toBeLessThan(before);
  });

  test('a fired inject cannot be fired again; a skipped one is never delivered', async () => {
    const t = await seated();
    await advanceTo(t, 'injects', 1);
    accepted(await t.facilitator({ type: 'fire-inject', injectId: 'leak' }));
    expect(await t.facilitator({ type: 'fire-inject', injectId: 'leak' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(await t.facilitator({ type: 'fire-inject', injectId: 'outage-news' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    accepted(await t.facilitator({ type: 'skip-inject', injectId: 'cfo-memo' }));
    expect(await t.facilitator({ type: 'fire-inject', injectId: 'cfo-memo' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    await advanceTo(t, 'review', 2);
    expect(deliveryOf(t, 'cfo-memo')).toEqual([]);
    expect(t.session.state.injects.find((e) => e.injectId === 'cfo-memo')).toMatchObject({
      status: 'skipped',
      sentAt: null,
    });
    expect(await t.facilitator({ type: 'fire-inject', injectId: 'nope' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
  });

  test('a rescheduled inject fires at its new time and not at its old one', async () => {
    const t = await seated();
    await advanceTo(t, 'injects', 1);
    accepted(
      await t.facilitator({
        type: 'reschedule-inject',
        injectId: 'cfo-memo',
        trigger: { type: 'scheduled', round: 3, phase: 'decision' },
      }),
    );
    accepted(
      await t.facilitator({ type: 'reschedule-inject', injectId: 'leak', trigger: { type: 'day', day: 1 } }),
    );
    expect(
      await t.facilitator({
        type: 'reschedule-inject',
        injectId: 'day-three-spike',
        trigger: { type: 'scheduled', round: 1, phase: 'injects' },
      }),
    ).toMatchObject({ ok: false, code: 'conflict' });
    expect(
      await t.facilitator({
        type: 'reschedule-inject',
        injectId: 'day-three-spike',
        trigger: { type: 'scheduled', round: 9, phase: 'review' },
      }),
    ).toMatchObject({ ok: false, code: 'invalid-payload' });

    await advanceTo(t, 'review', 2);
    expect(deliveryOf(t, 'cfo-memo')).toEqual([]);
    expect(deliveryOf(t, 'leak')).toEqual([expect.objectContaining({ round: 1, day: 1, cause: 'day' })]);
    await advanceTo(t, 'decision', 3);
    expect(deliveryOf(t, 'cfo-memo')).toEqual([expect.objectContaining({ round: 3, phase: 'decision' })]);
    expect(t.session.state.injects.find((e) => e.injectId === 'cfo-memo')).toMatchObject({
      status: 'sent',
      rescheduled: true,
      trigger: { type: 'scheduled', round: 3, phase: 'decision' },
    });
  });

  test('injects cannot be fired before the exercise starts', async () => {
    const t = await seated();
    expect(await t.facilitator({ type: 'fire-inject', injectId: 'leak' })).toMatchObject({
      ok: false,
      code: 'wrong-phase',
    });
  });
});
