import { describe, expect, test } from 'vitest';
import type { CommandInput } from '../../../shared/session/commands';
import { replay } from '../../../shared/session/replay';
import { computeScore } from '../../../shared/session/scoring';
import { metricValue } from '../../../shared/sim';
import { accepted, advanceTo, openTable, type Table } from './fixtures/table';
import { wardScenario } from './fixtures/ward-scenario';

/**
 * A scenario with a model of its own (issue 16), played through shared/session alone: rounds of
 * four hours, metrics moved by dynamics and by metric effects, injects triggered by decisions and
 * by time, objectives on decisions, a rated capability in the score.
 */

const table = (): Table => openTable({ scenario: wardScenario(), players: ['commander', 'legal'] });

const last = (t: Table) => t.session.state.proposals.at(-1)?.id ?? '';
const propose = (actionId: string): CommandInput => ({
  type: 'propose',
  actionId,
  params: {},
  rationale: 'now',
});
const deliveries = (t: Table, injectId: string) =>
  t.session.state.deliveries.filter((d) => d.injectId === injectId);

describe('a scenario with its own metrics', () => {
  test('starts from the declared metrics only, and steps in hours', () => {
    const t = table();
    const sim = t.session.state.sim;
    expect(Object.keys(sim.history[0]?.metrics ?? {}).sort()).toEqual(['diverted', 'on-diversion', 'trust']);
    advanceTo(t, 'review', 1);
    expect(t.session.state.sim.day).toBe(4);
    // Diversion couples 2 patients an hour into the count; trust drifts down about an hour at a time.
    expect(metricValue(t.session.state.sim, 'diverted')).toBe(8);
    expect(metricValue(t.session.state.sim, 'trust')).toBeLessThan(70);
    expect(t.session.state.rounds[0]?.after).toEqual(
      expect.objectContaining({ diverted: 8, 'on-diversion': 1 }),
    );
    expect(Object.keys(t.session.state.rounds[0]?.after ?? {})).not.toContain('availability');
  });

  test('an inject on a decision fires at the resolution that applies it, and on replay the same', () => {
    const t = table();
    advanceTo(t, 'deliberation', 1);
    advanceTo(t, 'review', 1);
    expect(deliveries(t, 'ransom-paid')).toEqual([]);

    advanceTo(t, 'deliberation', 2);
    accepted(t.as('commander', propose('pay-ransom')));
    advanceTo(t, 'decision', 2);
    accepted(t.as('commander', { type: 'vote', proposalId: last(t), vote: 'yes' }));
    accepted(t.as('legal', { type: 'vote', proposalId: last(t), vote: 'yes' }));
    // Not yet: the proposal passes the vote but is applied only at the resolution.
    expect(deliveries(t, 'ransom-paid')).toEqual([]);
    advanceTo(t, 'resolution', 2);
    expect(t.session.state.proposals.at(-1)?.resolution?.applied).toBe(true);
    expect(deliveries(t, 'ransom-paid')).toEqual([
      expect.objectContaining({ round: 2, day: 4, phase: 'resolution', cause: 'condition' }),
    ]);
    // Its effect lands on the round's first hour.
    expect(t.session.state.pendingEffects.some((p) => p.source.kind === 'inject')).toBe(false);
    expect(deliveries(t, 'ransom-vetoed')).toEqual([]);

    const replayed = replay(t.session.log);
    expect(replayed.deliveries).toEqual(t.session.state.deliveries);
    expect(replayed.sim).toEqual(t.session.state.sim);
    // The objective "do not pay" reads the decision on its hour.
    advanceTo(t, 'review', 3);
    expect(t.session.state.objectives.find((o) => o.objectiveId === 'no-ransom')).toEqual(
      expect.objectContaining({ met: false, value: 0, day: 12 }),
    );
  });

  test('a veto triggers its own branch, and the time-triggered inject fires on its hour', () => {
    const t = table();
    advanceTo(t, 'deliberation', 1);
    accepted(t.as('commander', propose('pay-ransom')));
    accepted(t.as('legal', { type: 'veto', proposalId: last(t), rationale: 'sanctions' }));
    advanceTo(t, 'review', 1);
    expect(deliveries(t, 'ransom-vetoed')).toEqual([
      expect.objectContaining({ round: 1, day: 0, cause: 'condition', audience: ['commander'] }),
    ]);
    expect(deliveries(t, 'deadline')).toEqual([]);
    advanceTo(t, 'review', 2);
    // Six hours elapsed during round 2 (hours 5-8): delivered on hour 6, not at the round's end.
    expect(deliveries(t, 'deadline')).toEqual([
      expect.objectContaining({ round: 2, day: 6, cause: 'condition' }),
    ]);
    advanceTo(t, 'review', 3);
    expect(t.session.state.objectives.find((o) => o.objectiveId === 'no-ransom')?.met).toBe(true);
  });

  test('uncertain effects are drawn from the seed and recorded on the timeline', () => {
    const play = (seed: number) => {
      const t = openTable({ scenario: wardScenario(), players: ['commander', 'legal'], seed });
      advanceTo(t, 'deliberation', 1);
      accepted(t.as('commander', propose('statement')));
      advanceTo(t, 'review', 1);
      return t.session.state.sim;
    };
    const a = play(7);
    const b = play(7);
    expect(a).toEqual(b);
    const rolls = a.history.flatMap((d) => d.events).filter((e) => e.kind === 'roll');
    expect(rolls).toEqual([
      expect.objectContaining({ text: expect.stringMatching(/^Community trust: drawn between 2 and 6: /) }),
    ]);
  });

  test('a rated capability counts in the score with its evaluators’ rating, once', () => {
    const t = table();
    advanceTo(t, 'review', 1);
    const command = (state: typeof t.session.state) =>
      computeScore(state).dimensions.find((d) => d.dimensionId === 'command');
    expect(command(t.session.state)?.score).toBeNull();
    const rated = (...ratings: number[]) => ({
      ...t.session.state,
      observations: ratings.map((rating, i) => ({
        id: `o-${i}`,
        evaluatorId: 'cred-9',
        target: { kind: 'objective' as const, id: 'coordination' },
        rating,
        note: '',
        round: 1,
        at: 0,
      })),
    });
    // Some challenges (3 of 1..5) is half way: the capability's objective part is 50, not counted twice.
    expect(command(rated(3))).toEqual(
      expect.objectContaining({
        score: 50,
        objectivesMet: 0.5,
        objectivesTotal: 1,
        ratedObjectives: 1,
        evaluatorRatings: 0,
      }),
    );
    // Performed without challenges and unable to be performed average to the same half.
    expect(command(rated(5, 1))?.score).toBe(50);
    expect(command(rated(5))?.score).toBe(100);
  });

  test('a live inject is checked against the scenario: its channel, its metrics, no infrastructure effects', () => {
    const t = table();
    advanceTo(t, 'deliberation', 1);
    const add = (inject: Record<string, unknown>) =>
      t.facilitator({
        type: 'add-inject',
        inject: { title: 'Live', body: 'Now.', channel: 'email', ...inject },
      });
    const refused = (inject: Record<string, unknown>) => {
      const result = add(inject);
      return result.ok ? 'accepted' : `${result.code}: ${result.message}`;
    };
    expect(refused({ channel: 'fax' })).toMatch(/^invalid-payload: channel: unknown channel "fax"/);
    expect(refused({ effects: [{ type: 'metric', metric: 'beds', op: 'add', value: 1 }] })).toBe(
      'invalid-payload: effects.0.metric: unknown scenario metric "beds"',
    );
    expect(refused({ effects: [{ type: 'morale', delta: -5 }] })).toMatch(
      /^invalid-payload: effects.0.type: a morale effect needs/,
    );
    const before = t.session.seq;
    expect(refused({ effects: [{ type: 'metric', metric: 'trust', op: 'add', value: -3 }] })).toBe(
      'accepted',
    );
    expect(t.session.seq).toBe(before + 2);
  });
});
