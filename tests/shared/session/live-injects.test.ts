import { describe, expect, test } from 'vitest';
import { replay } from '../../../shared/session/replay';
import { project } from '../../../shared/views/project';
import type { View } from '../../../shared/views/view';
import { accepted, advanceTo, openTable, type Table } from './fixtures/table';

/**
 * Live authoring (issue 15): the facilitator writes an inject during the exercise, sends it now or
 * at a time, edits or reschedules it while unsent. Each is a logged event, so a replay of the log
 * reproduces it, and it reaches exactly its audience.
 */

const seated = (): Table => openTable({ players: ['infra', 'cfo', 'investor'] });

const titlesOf = (view: View) => view.injects.map((card) => card.title);

function views(t: Table) {
  const state = t.session.state;
  const player = (roleId: string) => project(state, { kind: 'player', playerId: t.seats[roleId]![0]! });
  return {
    infra: player('infra'),
    cfo: player('cfo'),
    investor: player('investor'),
    screen: project(state, { kind: 'screen' }),
    observer: project(state, { kind: 'observer' }),
    facilitator: project(state, { kind: 'facilitator' }),
  };
}

describe('live injects', () => {
  test('sent now during deliberation, it reaches exactly its audience, and a replay reproduces it', () => {
    const t = seated();
    advanceTo(t, 'deliberation', 1);
    const result = accepted(
      t.facilitator({
        type: 'add-inject',
        inject: {
          title: 'Reporter calls the CFO',
          body: 'A reporter has the **burn figure** and wants a comment by noon.',
          channel: 'phone',
          audience: ['cfo'],
          from: 'Financial Times',
          effects: [{ type: 'communication', userTrust: 0, investorConfidence: -2 }],
        },
      }),
    );
    expect(result.events.map((e) => e.type)).toEqual(['inject-added', 'inject-fired']);

    const v = views(t);
    expect(titlesOf(v.cfo)).toContain('Reporter calls the CFO');
    for (const other of [v.infra, v.investor, v.screen, v.observer]) {
      expect(titlesOf(other)).not.toContain('Reporter calls the CFO');
      expect(JSON.stringify(other)).not.toContain('burn figure');
    }
    const card = v.cfo.injects.find((c) => c.title === 'Reporter calls the CFO');
    expect(card).toMatchObject({ live: true, audience: ['cfo'], phase: 'deliberation', channel: 'phone' });
    expect(t.session.state.pendingEffects).toContainEqual(
      expect.objectContaining({ source: { kind: 'inject', injectId: 'live-1' } }),
    );
    // The log is the truth: a replay yields the same state, byte for byte.
    expect(JSON.stringify(replay(t.session.log))).toBe(JSON.stringify(t.session.state));
  });

  test('held for a later phase, it is facilitator-only until sent; edited and rescheduled, it goes out as last written', () => {
    const t = seated();
    advanceTo(t, 'deliberation', 1);
    accepted(
      t.facilitator({
        type: 'add-inject',
        inject: { title: 'Rumour of a breach', body: 'Forum posts claim a data leak.', channel: 'news' },
        trigger: { type: 'scheduled', round: 2, phase: 'injects' },
      }),
    );
    const before = views(t);
    expect(before.facilitator.kind === 'facilitator' && before.facilitator.timeline.at(-1)).toMatchObject({
      injectId: 'live-1',
      live: true,
      status: 'ready',
      inject: { title: 'Rumour of a breach' },
    });
    for (const other of [before.infra, before.cfo, before.investor, before.screen, before.observer]) {
      expect(JSON.stringify(other)).not.toContain('Rumour of a breach');
    }

    accepted(
      t.facilitator({
        type: 'edit-inject',
        injectId: 'live-1',
        inject: {
          title: 'Confirmed breach',
          body: 'Security confirms the leak.',
          channel: 'email',
          audience: ['infra'],
        },
      }),
    );
    accepted(
      t.facilitator({
        type: 'reschedule-inject',
        injectId: 'live-1',
        trigger: { type: 'scheduled', round: 1, phase: 'decision' },
      }),
    );
    advanceTo(t, 'decision', 1);
    const after = views(t);
    expect(titlesOf(after.infra)).toContain('Confirmed breach');
    expect(titlesOf(after.cfo)).not.toContain('Confirmed breach');
    expect(JSON.stringify(after)).not.toContain('Rumour of a breach');
    // Once sent, it can be neither edited nor rescheduled.
    const edit = t.facilitator({
      type: 'edit-inject',
      injectId: 'live-1',
      inject: { title: 'Too late', body: 'x', channel: 'news' },
    });
    expect(edit).toMatchObject({ ok: false, code: 'conflict' });
    expect(JSON.stringify(replay(t.session.log))).toBe(JSON.stringify(t.session.state));
  });

  test("the scenario's own injects cannot be edited; unknown roles and past times are refused", () => {
    const t = seated();
    advanceTo(t, 'deliberation', 1);
    const inject = { title: 'T', body: 'B', channel: 'news' as const };
    expect(t.facilitator({ type: 'edit-inject', injectId: 'leak', inject })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(t.facilitator({ type: 'add-inject', inject: { ...inject, audience: ['janitor'] } })).toMatchObject(
      { ok: false, code: 'not-found' },
    );
    expect(
      t.facilitator({
        type: 'add-inject',
        inject,
        trigger: { type: 'scheduled', round: 1, phase: 'injects' },
      }),
    ).toMatchObject({ ok: false, code: 'conflict' });
    expect(t.as('cfo', { type: 'add-inject', inject })).toMatchObject({ ok: false, code: 'not-authorized' });
  });

  test('a game without live injects logs nothing new (no live fields)', () => {
    const t = seated();
    advanceTo(t, 'review', 1);
    expect(JSON.stringify(t.session.state)).not.toContain('"live"');
  });
});
