import { describe, expect, test } from 'vitest';
import type { CommandInput } from '../../../shared/session/commands';
import { replay } from '../../../shared/session/replay';
import { afterActionReport } from '../../../shared/views/after-action-report';
import { project } from '../../../shared/views/project';
import type { View } from '../../../shared/views/view';
import { accepted, advanceTo, openTable, type Table } from '../session/fixtures/table';
import { tableScenario, tableScenarioInput } from '../session/fixtures/table-scenario';

/**
 * After the exercise (issue 21): checkpoint deliverables, ratings in the score, the hot wash,
 * feedback and the facilitator's marks, secret objectives revealed only from the debrief on, and
 * the after-action report drafted from the log alone.
 */

const scenario = tableScenario({
  checkpoints: [
    {
      id: 'day-4',
      day: 4,
      title: 'Day 4 review',
      deliverable: 'A one-page plan per role.',
      objectives: ['keep-trust'],
    },
  ],
  scoring: { ...tableScenarioInput.scoring, hotWash: ['What went well?', 'What would you change?'] },
});
/** Issued after the three players' credentials (cred-2..4). */
const EVALUATOR = { kind: 'evaluator', evaluatorId: 'cred-5' } as const;

function table(): Table {
  const t = openTable({ scenario, players: ['infra', 'cfo', 'investor'] });
  accepted(
    t.facilitator({ type: 'issue-credential', kind: 'evaluator', name: 'Eva', tokenHash: 'e'.repeat(64) }),
  );
  return t;
}
const viewOf = (t: Table, roleId: string): View =>
  project(t.session.state, { kind: 'player', playerId: t.seats[roleId]?.[0] ?? '' });
const secretTexts = scenario.roles.flatMap((r) => r.secretObjectives);

function playToDebriefWithDeliverable(t: Table): void {
  advanceTo(t, 'deliberation', 1);
  accepted(
    t.as('infra', {
      type: 'submit-deliverable',
      checkpointId: 'day-4',
      sections: [
        { roleId: 'infra', text: 'Pooler first, replicas next.' },
        { roleId: 'cfo', text: 'Cap spend at the board line.' },
      ],
    }),
  );
  accepted(
    t.send(EVALUATOR, {
      type: 'rate-deliverable',
      checkpointId: 'day-4',
      dimensionId: 'leadership',
      rating: 5,
      comment: 'EVALUATOR-COMMENT',
    }),
  );
  accepted(t.facilitator({ type: 'end' }));
}

describe('checkpoint deliverables', () => {
  test('the table submits a deliverable before its checkpoint, and not after it', () => {
    const t = table();
    advanceTo(t, 'deliberation', 1);
    const submit: CommandInput = {
      type: 'submit-deliverable',
      checkpointId: 'day-4',
      sections: [{ roleId: 'infra', text: 'Plan.' }],
    };
    expect(t.send({ kind: 'observer' }, submit)).toMatchObject({ ok: false, code: 'not-authorized' });
    accepted(t.as('infra', submit));
    expect(viewOf(t, 'cfo').afterAction?.deliverables[0]?.sections).toEqual([
      { roleId: 'infra', text: 'Plan.' },
    ]);
    advanceTo(t, 'review', 2); // day 4 judged at round 2's resolution
    expect(t.as('cfo', submit)).toMatchObject({ ok: false, code: 'wrong-phase' });
  });

  test("an evaluator's rating of the deliverable feeds the dimension's score; its comment stays with the staff", () => {
    const t = table();
    playToDebriefWithDeliverable(t);
    const score = t.session.state.score;
    const leadership = score?.dimensions.find((d) => d.dimensionId === 'leadership');
    expect(leadership).toMatchObject({ evaluatorRatings: 1, evaluatorMean: 5, deliverableRatings: 1 });
    const unrated = openTable({ scenario, players: ['infra'] });
    accepted(unrated.facilitator({ type: 'start' }));
    accepted(unrated.facilitator({ type: 'end' }));
    expect(unrated.session.state.score?.dimensions[0]?.evaluatorRatings).toBe(0);
    expect(JSON.stringify(viewOf(t, 'cfo'))).not.toContain('EVALUATOR-COMMENT');
    expect(JSON.stringify(project(t.session.state, EVALUATOR))).toContain('EVALUATOR-COMMENT');
  });
});

describe('secret objectives are need-to-know until the debrief', () => {
  test("before the debrief no view but a role's own names them; at the debrief everyone sees every role's, judged", () => {
    const t = table();
    advanceTo(t, 'deliberation', 1);
    accepted(
      t.as('infra', {
        type: 'submit-deliverable',
        checkpointId: 'day-4',
        sections: [{ roleId: 'infra', text: 'x' }],
      }),
    );
    const cfo = JSON.stringify({ ...viewOf(t, 'cfo'), role: null });
    for (const text of secretTexts) {
      expect(cfo).not.toContain(text);
      expect(JSON.stringify(project(t.session.state, { kind: 'screen' }))).not.toContain(text);
      expect(JSON.stringify(project(t.session.state, { kind: 'observer' }))).not.toContain(text);
    }
    expect(viewOf(t, 'cfo').afterAction?.secretObjectives).toBeNull();
    expect(afterActionReport(t.session.state, 'participants').secretObjectives).toBeNull();
    accepted(t.facilitator({ type: 'end' }));
    const revealedTo = (view: View) => view.afterAction?.secretObjectives?.map((r) => r.roleId);
    expect(revealedTo(project(t.session.state, { kind: 'facilitator' }))).toEqual(['infra']);
    expect(revealedTo(viewOf(t, 'infra'))).toEqual(['infra']);
    expect(revealedTo(viewOf(t, 'cfo'))).toEqual(['infra']);
    expect(revealedTo(project(t.session.state, { kind: 'screen' }))).toEqual(['infra']);
    expect(afterActionReport(t.session.state, 'participants').secretObjectives).toBeNull();
    expect(afterActionReport(t.session.state, 'facilitator').secretObjectives?.[0]?.objectives[0]?.text).toBe(
      secretTexts[0],
    );
  });

  test('the facilitator judges them at the debrief and each role is scored on them', () => {
    const t = table();
    advanceTo(t, 'deliberation', 1);
    expect(
      t.facilitator({ type: 'judge-secret-objective', roleId: 'infra', index: 0, met: true }),
    ).toMatchObject({ ok: false, code: 'wrong-phase' });
    accepted(t.facilitator({ type: 'end' }));
    const before = t.session.state.score;
    expect(before?.secretObjectives).toBeUndefined();
    accepted(t.facilitator({ type: 'judge-secret-objective', roleId: 'infra', index: 0, met: true }));
    expect(t.session.state.score?.secretObjectives?.find((s) => s.roleId === 'infra')).toEqual({
      roleId: 'infra',
      met: 1,
      judged: 1,
      total: 1,
    });
    expect(t.session.state.score?.total).toBe(before?.total);
    expect(viewOf(t, 'infra').afterAction?.secretObjectives?.[0]?.objectives[0]?.met).toBe(true);
    expect(viewOf(t, 'infra').score?.secretObjectives?.[0]).toMatchObject({ roleId: 'infra', met: 1 });
  });
});

describe('hot wash and participant feedback', () => {
  test('players answer in the debrief, anonymously if they choose; the facilitator sees all and marks them', () => {
    const t = table();
    advanceTo(t, 'deliberation', 1);
    expect(t.as('infra', { type: 'answer-hot-wash', question: 0, answer: 'Early.' })).toMatchObject({
      ok: false,
      code: 'wrong-phase',
    });
    accepted(t.facilitator({ type: 'end' }));
    accepted(
      t.as('infra', { type: 'answer-hot-wash', question: 0, answer: 'We approved the pooler early.' }),
    );
    accepted(
      t.as('cfo', {
        type: 'answer-hot-wash',
        question: 1,
        answer: 'Share the bill sooner.',
        anonymous: true,
      }),
    );
    accepted(
      t.as('cfo', {
        type: 'submit-feedback',
        ratings: [5, 4, 4, 5, 3],
        strengths: 'Realistic',
        improvements: 'More time',
      }),
    );
    expect(t.as('cfo', { type: 'answer-hot-wash', question: 9, answer: 'x' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    const facilitator = project(t.session.state, { kind: 'facilitator' });
    expect(facilitator.afterAction?.hotWash.map((a) => a.playerId)).toEqual([t.seats.infra?.[0], null]);
    expect(viewOf(t, 'infra').afterAction?.hotWash).toHaveLength(1);
    expect(viewOf(t, 'investor').afterAction?.hotWash).toHaveLength(0);
    expect(project(t.session.state, { kind: 'screen' }).afterAction?.feedback).toHaveLength(0);
    expect(t.as('cfo', { type: 'mark-debrief-item', itemId: 'hot-wash-1', mark: 'strength' })).toMatchObject({
      ok: false,
      code: 'not-authorized',
    });
    accepted(
      t.facilitator({
        type: 'mark-debrief-item',
        itemId: 'hot-wash-1',
        group: 'Decisions',
        mark: 'strength',
        objectiveId: 'keep-trust',
      }),
    );
    accepted(
      t.facilitator({ type: 'mark-debrief-item', itemId: 'hot-wash-2', group: 'Money', mark: 'improvement' }),
    );
    const report = afterActionReport(t.session.state, 'facilitator');
    expect(report.objectives.find((o) => o.objectiveId === 'keep-trust')?.strengths).toContain(
      'Decisions: We approved the pooler early.',
    );
    expect(report.hotWash.improvements).toEqual(['Money: Share the bill sooner.']);
  });
});

describe('the after-action report', () => {
  test('is drafted from the log alone: a replay drafts the same report', () => {
    const t = table();
    playToDebriefWithDeliverable(t);
    accepted(
      t.facilitator({
        type: 'edit-report',
        edit: {
          kind: 'analysis',
          objectiveId: 'keep-trust',
          strengths: ['Held the line.'],
          improvements: ['Tell users sooner.'],
        },
      }),
    );
    const report = afterActionReport(t.session.state, 'facilitator');
    expect(afterActionReport(replay(t.session.log), 'facilitator')).toEqual(report);
    const trust = report.objectives.find((o) => o.objectiveId === 'keep-trust');
    expect(trust).toMatchObject({
      strengths: ['Held the line.'],
      improvements: ['Tell users sooner.'],
      edited: true,
      rating: 5,
    });
    expect(report.overview.participants.map((p) => p.role)).toEqual(
      ['Head of Infrastructure', 'CFO', 'Investor'].map(
        (n) => scenario.roles.find((r) => r.name === n)?.name ?? n,
      ),
    );
    expect(report.deliverables[0]?.sections.map((s) => s.text)).toEqual([
      'Pooler first, replicas next.',
      'Cap spend at the board line.',
    ]);
  });

  test('its improvement plan rows are drafted from areas for improvement and edited by the facilitator', () => {
    const t = table();
    playToDebriefWithDeliverable(t);
    const drafted = afterActionReport(t.session.state, 'facilitator').improvementPlan;
    const row = {
      id: 'ip-custom',
      objectiveId: null,
      issue: 'Bill shared late',
      correctiveAction: 'Weekly cost review',
      capability: 'Money',
      owner: 'CFO',
      start: '2024-01-01',
      completion: '2024-02-01',
      status: 'open' as const,
    };
    expect(t.as('cfo', { type: 'edit-report', edit: { kind: 'plan-row', row } })).toMatchObject({
      ok: false,
      code: 'not-authorized',
    });
    accepted(t.facilitator({ type: 'edit-report', edit: { kind: 'plan-row', row } }));
    expect(afterActionReport(t.session.state, 'facilitator').improvementPlan).toEqual([...drafted, row]);
  });

  test("the participants' report has no evaluator note or comment and no hot-wash names", () => {
    const t = table();
    playToDebriefWithDeliverable(t);
    accepted(
      t.send(EVALUATOR, {
        type: 'observe',
        target: { kind: 'objective', id: 'keep-trust' },
        rating: 2,
        note: 'EVALUATOR-NOTE',
      }),
    );
    accepted(t.as('infra', { type: 'answer-hot-wash', question: 0, answer: 'HOT-WASH-ANSWER' }));
    const shared = JSON.stringify(afterActionReport(t.session.state, 'participants'));
    expect(shared).not.toContain('EVALUATOR-NOTE');
    expect(shared).not.toContain('EVALUATOR-COMMENT');
    expect(shared).not.toContain('HOT-WASH-ANSWER');
    for (const role of scenario.roles) expect(shared).not.toContain(role.privateBrief);
    const full = JSON.stringify(afterActionReport(t.session.state, 'facilitator'));
    expect(full).toContain('EVALUATOR-NOTE');
  });
});

describe('carrying corrective actions into the next exercise', () => {
  test("open actions of an exercise of the same scenario are imported; another scenario's are refused", () => {
    const t = table();
    const action = {
      fromSessionId: 'session-old',
      actionId: 'ip-keep-trust',
      issue: 'Trust fell',
      correctiveAction: 'Status page on day 1',
      capability: 'Leadership',
      owner: 'Product',
      objectiveIds: ['keep-trust'],
    };
    expect(
      t.facilitator({ type: 'import-corrective-actions', scenarioId: 'other', actions: [action] }),
    ).toMatchObject({ ok: false, code: 'conflict' });
    accepted(
      t.facilitator({ type: 'import-corrective-actions', scenarioId: scenario.id, actions: [action] }),
    );
    expect(project(t.session.state, { kind: 'facilitator' }).afterAction?.carriedActions).toEqual([action]);
    expect(viewOf(t, 'cfo').afterAction?.carriedActions).toEqual([]);
  });
});
