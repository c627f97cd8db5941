import type { Scenario } from '../../../shared/scenario/schema';
import { FACILITATOR } from '../../../shared/session/actor';
import { computerRoles } from '../../../shared/session/authority';
import { computerMoves } from '../computer-player';
import type { RoundPlan } from './policies';
import { apply, decide, type Game, startGame, stopGame } from './rules';

/**
 * The plan the computer players play (computer-player.ts), written down as a RoundPlan: for a
 * scenario with no hand-written reference plan (reference-plans.ts), the balance report measures
 * every other policy against what the computer players do on one seed. Played through the same
 * rules door as every policy (rules.ts), each phase until no computer player has a move left, so it
 * is the computer players' game without the runtime's clock. The plan keeps the proposals that
 * were applied, by proposer, parameters and round.
 */
export function computerPlan(scenario: Scenario, seed = 1): RoundPlan {
  let game: Game = startGame(scenario, seed);
  let at = 1;
  const send = (actor: Parameters<typeof decide>[1], command: Parameters<typeof decide>[2]) => {
    const decision = decide(game, actor, command, at++);
    if (decision.ok) game = apply(game, decision.events);
    return decision.ok;
  };
  send(FACILITATOR, { type: 'start' });
  const maxSteps = (scenario.rounds.count + 2) * 8;
  for (let i = 0; i < maxSteps; i++) {
    const phase = game.state.phase;
    if (phase === 'debrief' || phase === 'ended') break;
    // Bounded like ComputerPlayers' bursts: a policy that never settled would otherwise spin.
    for (let moves = 0; moves < 1000; moves++) {
      const move = computerRoles(game.state)
        .flatMap((roleId) => computerMoves(game.state, roleId).map((command) => ({ roleId, command })))
        .find(({ roleId, command }) => decide(game, { kind: 'computer', roleId }, command, at).ok);
      if (!move) break;
      send({ kind: 'computer', roleId: move.roleId }, move.command);
    }
    if (!send(FACILITATOR, { type: 'advance' })) break;
  }
  const plan: RoundPlan = {};
  for (const p of game.state.proposals) {
    if (!p.resolution?.applied) continue;
    plan[p.round] = [
      ...(plan[p.round] ?? []),
      { actionId: p.actionId, params: p.params, by: p.proposer.roleId },
    ];
  }
  stopGame(game);
  return plan;
}
