import type { Action, Scenario } from '../../../shared/scenario/schema';
import type { Move, Policy, PolicyContext } from './play';

/**
 * The policies a balance report plays (issue 12): doing nothing, spending only, each action alone
 * (default and maximum parameters), spam of each repeatable action, random play, the reference plan,
 * the reference plan without each required role's proposals, and with the approver rejecting all.
 */

/** A plan written as data: per round (1-based), the moves to propose. The game can play it as is. */
export type RoundPlan = Record<number, Move[]>;

export const doNothing: Policy = { name: 'do nothing', moves: () => [] };

const atMax = (action: Action): Record<string, number> =>
  Object.fromEntries(action.parameters.map((p) => [p.id, p.max]));

/** Actions that buy capacity: a capacity effect or a scaling project. */
function isCapacityAction(action: Action): boolean {
  return (
    action.effects.some(
      (e) => e.type === 'capacity' && !(typeof e.delta === 'object' && (e.delta.times ?? 1) < 0),
    ) || action.effects.some((e) => e.type === 'autoscaling')
  );
}

/** Every capacity action at its maximum, every round it may be taken. */
export function spendOnly(scenario: Scenario): Policy {
  const actions = scenario.actions.filter(isCapacityAction);
  return {
    name: 'spend only',
    moves: ({ round }) =>
      actions.filter((a) => a.repeatable || round === 1).map((a) => ({ actionId: a.id, params: atMax(a) })),
  };
}

export function actionAlone(action: Action, at: 'default' | 'max'): Policy {
  const params = at === 'max' ? atMax(action) : {};
  return {
    name: `only ${action.id} (${at})`,
    moves: ({ round }) => (round === 1 ? [{ actionId: action.id, params }] : []),
  };
}

/** A repeatable action proposed `perRound` times every round. */
export function spam(action: Action, perRound = 3): Policy {
  return {
    name: `spam ${action.id}`,
    moves: () => Array.from({ length: perRound }, () => ({ actionId: action.id, params: atMax(action) })),
  };
}

function randomParams(action: Action, random: () => number): Record<string, number> {
  return Object.fromEntries(
    action.parameters.map((p) => {
      const steps = Math.floor((p.max - p.min) / p.step);
      return [p.id, p.min + Math.floor(random() * (steps + 1)) * p.step];
    }),
  );
}

/** Up to `perRound` random actions a round with random parameters; a different game each seed. */
export function randomPolicy(name: string, perRound: number): Policy {
  return {
    name,
    moves: ({ scenario, random }: PolicyContext) => {
      const n = Math.floor(random() * (perRound + 1));
      const moves: Move[] = [];
      for (let i = 0; i < n; i++) {
        const action = scenario.actions[Math.floor(random() * scenario.actions.length)];
        if (action) moves.push({ actionId: action.id, params: randomParams(action, random) });
      }
      return moves;
    },
  };
}

export function planPolicy(name: string, plan: RoundPlan): Policy {
  return { name, moves: ({ round }) => plan[round] ?? [] };
}

/** The plan with one role's proposals left out (the role is seated and still approves and votes). */
export function withoutRole(plan: RoundPlan, roleId: string, proposerOf: (m: Move) => string): Policy {
  return {
    name: `reference without ${roleId}`,
    moves: ({ round }) => (plan[round] ?? []).filter((m) => proposerOf(m) !== roleId),
  };
}

export function approverRejects(plan: RoundPlan, approver: string): Policy {
  return {
    name: `reference, ${approver} rejects every approval`,
    moves: ({ round }) => plan[round] ?? [],
    review: (_p, role) => (role === approver ? 'reject' : 'approve'),
  };
}
