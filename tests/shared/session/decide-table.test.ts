import { describe, expect, test } from 'vitest';
import type { CommandInput } from '../../../shared/session/commands';
import type { GameErrorCode } from '../../../shared/session/errors';
import type { ProposalStatus } from '../../../shared/session/state';
import { accepted, advanceTo, openTable, type Table } from './fixtures/table';

/**
 * The decision rules end to end: commands through `decide`, the machine and the round's
 * resolution, on the test scenario (infra proposes infrastructure; the CFO approves above $5M and
 * always for the bridge; sharding is voted on and the investor may veto it).
 */

type Step = { role: string | 'facilitator'; command: CommandInput };

interface Row {
  name: string;
  /** Proposals made and resolved in round 1 before the row's own steps (e.g. a prerequisite). */
  before?: Step[];
  steps: Step[];
  /** Expected refusal of the last step, or the fate of the last proposal at its resolution. */
  expect: { refused: GameErrorCode } | { status: ProposalStatus; applied: boolean; reason: RegExp };
}

const propose = (actionId: string, params: Record<string, number> = {}): CommandInput => ({
  type: 'propose',
  actionId,
  params,
  rationale: 'because',
});
const last = 'LAST';
const review = (type: 'approve' | 'reject'): CommandInput => ({
  type,
  proposalId: last,
  rationale: 'r',
  confidence: 4,
});
const vote = (v: 'yes' | 'no'): CommandInput => ({ type: 'vote', proposalId: last, vote: v });

const rows: Row[] = [
  {
    name: "a proposal within the proposer authority and under every threshold is the proposer's call",
    steps: [{ role: 'infra', command: propose('pooler') }],
    expect: { status: 'approved', applied: true, reason: /within the proposer's authority/ },
  },
  {
    name: 'a role outside its authority cannot propose',
    steps: [{ role: 'cfo', command: propose('pooler') }],
    expect: { refused: 'outside-authority' },
  },
  {
    name: 'above the CFO threshold without the CFO approval it is not applied',
    steps: [{ role: 'infra', command: propose('replicas', { count: 6 }) }],
    expect: { status: 'rejected', applied: false, reason: /needs approval from CFO/ },
  },
  {
    name: 'above the CFO threshold with the CFO approval it is applied',
    steps: [
      { role: 'infra', command: propose('replicas', { count: 6 }) },
      { role: 'cfo', command: review('approve') },
    ],
    expect: { status: 'approved', applied: true, reason: /approved by CFO/ },
  },
  {
    name: 'a required approver who rejects fails the proposal',
    steps: [
      { role: 'infra', command: propose('replicas', { count: 6 }) },
      { role: 'cfo', command: review('reject') },
    ],
    expect: { status: 'rejected', applied: false, reason: /rejected by CFO/ },
  },
  {
    name: 'below the threshold the CFO approval is not needed',
    steps: [{ role: 'infra', command: propose('replicas', { count: 2 }) }],
    expect: { status: 'approved', applied: true, reason: /within the proposer's authority/ },
  },
  {
    name: 'an approval required whatever the amount (the bridge needs the CFO)',
    steps: [{ role: 'investor', command: propose('bridge') }],
    expect: { status: 'rejected', applied: false, reason: /needs approval from CFO/ },
  },
  {
    name: 'a role without approve authority cannot approve',
    steps: [
      { role: 'infra', command: propose('replicas', { count: 6 }) },
      { role: 'investor', command: review('approve') },
    ],
    expect: { refused: 'outside-authority' },
  },
  {
    name: 'a veto is final',
    before: [{ role: 'infra', command: propose('pooler') }],
    steps: [
      { role: 'infra', command: propose('sharding') },
      { role: 'infra', command: vote('yes') },
      { role: 'cfo', command: vote('yes') },
      { role: 'investor', command: { type: 'veto', proposalId: last, rationale: 'too risky' } },
    ],
    expect: { status: 'vetoed', applied: false, reason: /vetoed by Investor: too risky/ },
  },
  {
    name: 'a role that may not veto cannot',
    before: [{ role: 'infra', command: propose('pooler') }],
    steps: [
      { role: 'infra', command: propose('sharding') },
      { role: 'cfo', command: { type: 'veto', proposalId: last, rationale: 'no' } },
    ],
    expect: { refused: 'outside-authority' },
  },
  {
    name: 'a tied vote fails a simple majority',
    before: [{ role: 'infra', command: propose('pooler') }],
    steps: [
      { role: 'infra', command: propose('sharding') },
      { role: 'infra', command: vote('yes') },
      { role: 'cfo', command: vote('no') },
    ],
    expect: { status: 'rejected', applied: false, reason: /vote tied 1-1/ },
  },
  {
    name: 'a won vote carries',
    before: [{ role: 'infra', command: propose('pooler') }],
    steps: [
      { role: 'infra', command: propose('sharding') },
      { role: 'infra', command: vote('yes') },
      { role: 'cfo', command: vote('yes') },
      { role: 'investor', command: vote('no') },
    ],
    expect: { status: 'approved', applied: true, reason: /vote carried 2-1/ },
  },
  {
    name: 'a later vote by the same player replaces the earlier one',
    before: [{ role: 'infra', command: propose('pooler') }],
    steps: [
      { role: 'infra', command: propose('sharding') },
      { role: 'infra', command: vote('yes') },
      { role: 'cfo', command: vote('yes') },
      { role: 'cfo', command: vote('no') },
    ],
    expect: { status: 'rejected', applied: false, reason: /vote tied 1-1/ },
  },
  {
    name: 'no votes cast fails a voted action',
    before: [{ role: 'infra', command: propose('pooler') }],
    steps: [{ role: 'infra', command: propose('sharding') }],
    expect: { status: 'rejected', applied: false, reason: /no votes cast/ },
  },
  {
    name: 'voting on an action not decided by vote is refused',
    steps: [
      { role: 'infra', command: propose('pooler') },
      { role: 'cfo', command: vote('yes') },
    ],
    expect: { refused: 'outside-authority' },
  },
  {
    name: 'the facilitator may override a missing approval, with the reason logged',
    steps: [
      { role: 'infra', command: propose('replicas', { count: 6 }) },
      {
        role: 'facilitator',
        command: { type: 'override-decision', proposalId: last, decision: 'approve', reason: 'board call' },
      },
    ],
    expect: { status: 'approved', applied: true, reason: /facilitator override: board call/ },
  },
  {
    name: 'the facilitator may override an approval into a rejection',
    steps: [
      { role: 'infra', command: propose('pooler') },
      {
        role: 'facilitator',
        command: { type: 'override-decision', proposalId: last, decision: 'reject', reason: 'not now' },
      },
    ],
    expect: { status: 'rejected', applied: false, reason: /facilitator override: not now/ },
  },
  {
    name: 'the facilitator override reverses a veto',
    before: [{ role: 'infra', command: propose('pooler') }],
    steps: [
      { role: 'infra', command: propose('sharding') },
      { role: 'investor', command: { type: 'veto', proposalId: last, rationale: 'no' } },
      {
        role: 'facilitator',
        command: {
          type: 'override-decision',
          proposalId: last,
          decision: 'approve',
          reason: 'exercise needs it',
        },
      },
    ],
    expect: { status: 'approved', applied: true, reason: /facilitator override/ },
  },
  {
    name: 'a proposal costing more than the money left is refused',
    steps: [{ role: 'infra', command: propose('war-chest') }],
    expect: { refused: 'over-budget' },
  },
  {
    name: 'an action whose prerequisite has not been applied is refused',
    steps: [{ role: 'infra', command: propose('sharding') }],
    expect: { refused: 'prerequisite-missing' },
  },
  {
    name: 'a once-only action cannot be proposed again after it was applied',
    before: [{ role: 'infra', command: propose('pooler') }],
    steps: [{ role: 'infra', command: propose('pooler') }],
    expect: { refused: 'not-repeatable' },
  },
  {
    name: 'parameters outside their range are refused',
    steps: [{ role: 'infra', command: propose('replicas', { count: 40 }) }],
    expect: { refused: 'invalid-parameters' },
  },
  {
    name: 'a decided proposal takes no more reviews',
    before: [{ role: 'infra', command: propose('pooler') }],
    steps: [
      { role: 'infra', command: propose('sharding') },
      { role: 'investor', command: { type: 'veto', proposalId: last, rationale: 'no' } },
      { role: 'cfo', command: review('approve') },
    ],
    expect: { refused: 'already-decided' },
  },
];

let table: Table | undefined;

async function play(t: Table, steps: Step[]): Promise<{ refused?: GameErrorCode }> {
  for (const [i, step] of steps.entries()) {
    const proposals = t.session.state.proposals;
    const command = JSON.parse(
      JSON.stringify(step.command).replace(`"${last}"`, `"${proposals.at(-1)?.id}"`),
    );
    const result =
      step.role === 'facilitator' ? await t.facilitator(command) : await t.as(step.role, command);
    if (!result.ok) {
      if (i === steps.length - 1) return { refused: result.code };
      expect.fail(`step ${i} refused: ${result.code} ${result.message}`);
    }
  }
  return {};
}

describe('decision rules', () => {
  test.each(rows)('$name', async (row) => {
    table = await openTable({ players: ['infra', 'cfo', 'investor'] });
    await advanceTo(table, 'deliberation', 1);
    if (row.before) {
      await play(table, row.before);
      await advanceTo(table, 'deliberation', 2);
    }
    const before = JSON.stringify(table.session.state);
    const seqBefore = table.session.seq;
    const outcome = await play(table, row.steps);

    if ('refused' in row.expect) {
      expect(outcome.refused).toBe(row.expect.refused);
      // Only the refused last step is missing: everything before it was applied.
      expect(table.session.seq).toBe(seqBefore + row.steps.length - 1);
      if (row.steps.length === 1) expect(JSON.stringify(table.session.state)).toBe(before);
      return;
    }
    expect(outcome.refused).toBeUndefined();
    const proposalId = table.session.state.proposals.at(-1)?.id;
    await advanceTo(table, 'review');
    const proposal = table.session.state.proposals.find((p) => p.id === proposalId);
    expect(proposal?.status).toBe(row.expect.status);
    expect(proposal?.resolution?.applied).toBe(row.expect.applied);
    expect(proposal?.resolution?.reason).toMatch(row.expect.reason);
    const round = table.session.state.rounds.at(-1);
    expect(round?.decisions.find((d) => d.proposalId === proposalId)?.applied).toBe(row.expect.applied);
  });

  test('an applied action lands in the simulation after its lead time', async () => {
    table = await openTable({ players: ['infra', 'cfo', 'investor'] });
    await advanceTo(table, 'deliberation', 1);
    const replicasBefore = table.session.state.sim.database.readReplicas;
    accepted(await table.as('infra', propose('replicas', { count: 3 })));
    await advanceTo(table, 'review');
    expect(table.session.state.sim.database.readReplicas).toBe(replicasBefore + 3);
    const spent = table.session.state.rounds[0]?.before['emergency-budget-usd'];
    expect(table.session.state.rounds[0]?.after['emergency-budget-usd']).toBe((spent ?? 0) - 3_000_000);
  });
});
