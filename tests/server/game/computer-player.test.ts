import { afterEach, describe, expect, test } from 'vitest';
import { computerMoves } from '../../../server/game/computer-player';
import { findAction, mayPropose } from '../../../shared/session/authority';
import type { Command } from '../../../shared/session/commands';
import type { SessionState } from '../../../shared/session/state';
import type { MetricName } from '../../../shared/sim/metrics';
import { shippedScenario } from '../../shared/session/fixtures/shipped';
import { accepted, advanceTo, openTable, type Table } from './fixtures/harness';

/**
 * The computer player's policy on crafted positions of the flagship scenario: it answers the role's
 * worries, objects to spending that answers none of them, and stays inside the role's authority.
 */

let table: Table | undefined;
afterEach(async () => {
  await table?.dispose();
  table = undefined;
});

/** Round 1 deliberation of the flagship, every required role computer-played, nothing decided yet. */
async function deliberation(seed = 7): Promise<Table> {
  table = await openTable({ scenario: shippedScenario('socialwave-hypergrowth'), seed });
  await advanceTo(table, 'deliberation', 1);
  return table;
}

/** The state with today's metrics overridden and the past forgotten (no trend to project). */
function withMetrics(state: SessionState, metrics: Partial<Record<MetricName, number>>): SessionState {
  const copy = structuredClone(state);
  const today = copy.sim.history.at(-1);
  if (!today) throw new Error('no history');
  Object.assign(today.metrics, metrics);
  copy.sim.history = [today];
  return copy;
}

/** A calm platform: every tier has headroom, cost, availability and the soft metrics are on target. */
const CALM: Partial<Record<MetricName, number>> = {
  'monthly-infra-cost-usd': 20_000_000,
  'db-utilization': 0.4,
  'app-utilization': 0.4,
  'cdn-utilization': 0.4,
  availability: 1,
  'security-posture': 90,
  'compliance-gdpr': 90,
  'compliance-ccpa': 90,
  'compliance-payments': 90,
  'compliance-content-moderation': 90,
  morale: 80,
  'weekly-hours': 45,
  'user-trust': 80,
  'investor-confidence': 80,
  'incidents-per-shift': 0,
};

const proposals = (moves: Command[]) =>
  moves.filter((m): m is Extract<Command, { type: 'propose' }> => m.type === 'propose');

describe('computer player policy', () => {
  test('the Head of Infrastructure proposes the connection pooler when only the database is overloaded', async () => {
    const { runtime } = await deliberation();
    const state = withMetrics(runtime.state, { ...CALM, 'db-utilization': 1.6, availability: 0.99 });
    const [proposal] = proposals(computerMoves(state, 'head-of-infra'));
    expect(proposal?.actionId).toBe('connection-pooler');
    expect(proposal?.rationale).toMatch(/database/);
  });

  test('security hardening comes first when security is the only gap', async () => {
    const { runtime } = await deliberation();
    const state = withMetrics(runtime.state, { ...CALM, 'security-posture': 20 });
    expect(proposals(computerMoves(state, 'head-of-infra'))[0]?.actionId).toBe('security-hardening');
  });

  test('the CFO proposes a cost move when infrastructure costs far more than the target', async () => {
    const { runtime } = await deliberation();
    const state = withMetrics(runtime.state, { ...CALM, 'monthly-infra-cost-usd': 60_000_000 });
    const [proposal] = proposals(computerMoves(state, 'cfo'));
    const action = proposal && findAction(state.scenario, proposal.actionId);
    expect(action?.effects.some((e) => e.type === 'commit-spend' || e.type === 'move-storage')).toBe(true);
  });

  test('nobody proposes anything on a calm platform at target cost', async () => {
    const { runtime } = await deliberation();
    const state = withMetrics(runtime.state, { ...CALM, 'arpu-usd': 3 });
    for (const roleId of ['head-of-infra', 'cfo', 'product-lead', 'investor']) {
      expect(proposals(computerMoves(state, roleId)), roleId).toEqual([]);
    }
  });

  test('the CFO rejects a costly proposal that answers none of its worries, with a rationale', async () => {
    const t = await deliberation();
    accepted(
      await t.send(
        { kind: 'computer', roleId: 'head-of-infra' },
        { type: 'propose', actionId: 'monolith-extraction', params: {}, rationale: 'extract the hot paths' },
      ),
    );
    const state = withMetrics(t.runtime.state, CALM);
    const proposal = state.proposals.find((p) => p.actionId === 'monolith-extraction');
    const reject = computerMoves(state, 'cfo').find((m) => m.type === 'reject');
    expect(reject).toMatchObject({ type: 'reject', proposalId: proposal?.id });
    expect(reject && 'rationale' in reject ? reject.rationale : '').toMatch(/buys too little/);
    // Under a real overload the same proposal answers a worry, and the CFO does not object.
    const strained = withMetrics(t.runtime.state, { ...CALM, 'app-utilization': 1.5, availability: 0.98 });
    expect(computerMoves(strained, 'cfo').some((m) => m.type === 'reject')).toBe(false);
  });

  test('never proposes outside authority, nor what is done or blocked, and the moves are repeatable', async () => {
    const { runtime } = await deliberation();
    const positions = [
      runtime.state,
      withMetrics(runtime.state, CALM),
      withMetrics(runtime.state, {
        'security-posture': 10,
        'compliance-gdpr': 10,
        morale: 10,
        'runway-months': 2,
      }),
    ];
    for (const state of positions) {
      for (const role of state.scenario.roles) {
        const moves = computerMoves(state, role.id);
        expect(computerMoves(structuredClone(state), role.id)).toEqual(moves);
        for (const proposal of proposals(moves)) {
          const action = findAction(state.scenario, proposal.actionId);
          expect(
            action && mayPropose(state.scenario, role.id, action),
            `${role.id} ${proposal.actionId}`,
          ).toBe(true);
          expect(action?.prerequisites ?? []).toEqual([]);
        }
      }
    }
  });
});
