import type { Scenario } from '../../../shared/scenario/schema';
import type { Actor } from '../../../shared/session/actor';
import { FACILITATOR } from '../../../shared/session/actor';
import {
  computerRoles,
  decisionRuleFor,
  findAction,
  mayPropose,
  mayVote,
} from '../../../shared/session/authority';
import type { Command } from '../../../shared/session/commands';
import { requiredApprovals } from '../../../shared/session/decision-rules';
import type { Proposal, SessionState } from '../../../shared/session/state';
import { apply, decide, type Game, startGame, stopGame } from './rules';

/**
 * Plays whole exercises with scripted policies through the game's rules (rules.ts): the facilitator
 * starts and advances; each required role is a computer seat; in every round's deliberation the
 * policy proposes its moves, then the roles whose approval is required review them and the voters
 * vote, as the policy says. What the rules refuse (authority, prerequisites, budget, repeats) is
 * refused here too and counted.
 */

/** One proposal a policy wants made: an action id, its parameters, and optionally who proposes it. */
export interface Move {
  actionId: string;
  params?: Record<string, number>;
  by?: string;
}

export interface PolicyContext {
  scenario: Scenario;
  state: SessionState;
  round: number;
  /** Seeded uniform [0, 1) for random policies (never Math.random: runs must repeat). */
  random: () => number;
}

export interface Policy {
  name: string;
  /** The moves to propose in this round's deliberation. */
  moves(ctx: PolicyContext): Move[];
  /** A required approver's word (default: approve). */
  review?(proposal: Proposal, roleId: string): 'approve' | 'reject';
  /** A voter's vote (default: yes). */
  vote?(proposal: Proposal, roleId: string): 'yes' | 'no';
}

export interface GameResult {
  seed: number;
  win: boolean;
  /** The failure end state reached, or null. Wins count tested objectives only (not rated ones). */
  endState: string | null;
  endDay: number | null;
  objectivesMet: string[];
  objectivesFailed: string[];
  proposed: number;
  refused: number;
  applied: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function playGame(
  scenario: Scenario,
  seed: number,
  policy: Policy,
  inspect?: (state: SessionState) => void,
): GameResult {
  let game: Game = startGame(scenario, seed);
  let at = 1;
  let proposed = 0;
  let refused = 0;
  const send = (actor: Actor, command: Command): boolean => {
    const decision = decide(game, actor, command, at++);
    if (!decision.ok) return false;
    game = apply(game, decision.events);
    return true;
  };
  const advance = () => send(FACILITATOR, { type: 'advance' });
  const random = mulberry32(seed * 7919 + 17);

  send(FACILITATOR, { type: 'start' });
  const seats = computerRoles(game.state);
  const maxSteps = (scenario.rounds.count + 2) * 8;
  for (let i = 0; i < maxSteps; i++) {
    const phase = game.state.phase;
    if (phase === 'debrief' || phase === 'ended') break;
    if (phase === 'deliberation') {
      const round = game.state.round;
      for (const move of policy.moves({ scenario, state: game.state, round, random })) {
        const action = findAction(scenario, move.actionId);
        const by =
          move.by ??
          (action ? seats.find((r) => mayPropose(scenario, r, action)) : undefined) ??
          seats[0] ??
          '';
        proposed++;
        const ok = send(
          { kind: 'computer', roleId: by },
          { type: 'propose', actionId: move.actionId, params: move.params ?? {}, rationale: policy.name },
        );
        if (!ok) refused++;
      }
      for (const proposal of game.state.proposals) {
        if (proposal.round !== round || proposal.status !== 'open') continue;
        const action = findAction(scenario, proposal.actionId);
        if (!action) continue;
        for (const role of requiredApprovals(scenario, proposal.actionId, proposal.spendUsd)) {
          if (role === proposal.proposer.roleId || !seats.includes(role)) continue;
          const stance = policy.review?.(proposal, role) ?? 'approve';
          send(
            { kind: 'computer', roleId: role },
            { type: stance, proposalId: proposal.id, rationale: policy.name, confidence: 3 },
          );
        }
        if (decisionRuleFor(scenario, action).vote) {
          for (const role of seats) {
            if (!mayVote(scenario, role, action)) continue;
            const vote = policy.vote?.(proposal, role) ?? 'yes';
            send(
              { kind: 'computer', roleId: role },
              { type: 'vote', proposalId: proposal.id, vote, rationale: policy.name, confidence: 3 },
            );
          }
        }
      }
    }
    if (!advance()) break;
  }

  const state = game.state;
  stopGame(game);
  inspect?.(state);
  const met = state.objectives.filter((o) => o.met).map((o) => o.objectiveId);
  // Rated objectives are judged by evaluators, whom a balance game does not have: they do not decide a win.
  const failed = scenario.objectives
    .filter((o) => !o.rated)
    .map((o) => o.id)
    .filter((id) => !met.includes(id));
  return {
    seed,
    win: state.endState === null && failed.length === 0,
    endState: state.endState?.endStateId ?? null,
    endDay: state.endState?.day ?? null,
    objectivesMet: met,
    objectivesFailed: failed,
    proposed,
    refused,
    applied: state.proposals.filter((p) => p.resolution?.applied).length,
  };
}
