import type { ParticipantKey } from '../../../shared/session/actor';
import type { Player, SessionPhase } from '../../../shared/session/state';
import type { PublicScenario } from '../../../shared/views/view';

export const PHASE_LABEL: Record<SessionPhase, string> = {
  lobby: 'Lobby',
  briefing: 'Briefing',
  injects: 'Injects',
  deliberation: 'Deliberation',
  decision: 'Decision',
  resolution: 'Resolution',
  review: 'Review',
  debrief: 'Debrief',
  ended: 'Ended',
};

/** What each phase asks of the table, in one line. */
export const PHASE_HINT: Record<SessionPhase, string> = {
  lobby: 'Players are joining. Read your brief while you wait.',
  briefing: 'Read your role brief and the situation.',
  injects: 'New events are arriving. Read them.',
  deliberation: 'Discuss and propose actions.',
  decision: 'Approve, reject, veto or vote on the proposals.',
  resolution: 'The simulation applies the decisions.',
  review: 'See what happened and why.',
  debrief: 'The exercise is over: review the results.',
  ended: 'The exercise has ended.',
};

export function roleName(scenario: PublicScenario, roleId: string): string {
  return scenario.roles.find((r) => r.id === roleId)?.name ?? roleId;
}

/** A participant key is a player id or `computer:<role>`. */
export function participantName(scenario: PublicScenario, players: Player[], key: ParticipantKey): string {
  if (key.startsWith('computer:')) return `Computer (${roleName(scenario, key.slice('computer:'.length))})`;
  const player = players.find((p) => p.id === key);
  return player ? `${player.name} (${roleName(scenario, player.roleId)})` : key;
}

export function actionTitle(scenario: PublicScenario, actionId: string): string {
  return scenario.actions.find((a) => a.id === actionId)?.title ?? actionId;
}
