import type { PresenceEvent } from '../../shared/protocol/events';
import type { SessionState } from '../../shared/session/state';
import type { Viewer } from '../../shared/views/viewer';

/**
 * Who is connected to one session, for the facilitator's console. Presence is a fact about sockets,
 * not about the exercise: it is computed by the gateway, never logged, and lost on restart (the
 * clients reconnect and it fills in again).
 */
export function presenceOf(state: SessionState, connected: Iterable<Viewer>): PresenceEvent {
  let facilitators = 0;
  let screens = 0;
  let observers = 0;
  const players = new Map<string, number>();
  const evaluators = new Map<string, number>();
  for (const viewer of connected) {
    switch (viewer.kind) {
      case 'facilitator':
        facilitators++;
        break;
      case 'screen':
        screens++;
        break;
      case 'observer':
        observers++;
        break;
      case 'player':
        players.set(viewer.playerId, (players.get(viewer.playerId) ?? 0) + 1);
        break;
      case 'evaluator':
        evaluators.set(viewer.evaluatorId, (evaluators.get(viewer.evaluatorId) ?? 0) + 1);
        break;
    }
  }
  const activePlayers = state.players.filter((p) => !p.removed);
  return {
    sessionId: state.sessionId,
    facilitators,
    screens,
    observers,
    evaluators: [...evaluators].map(([evaluatorId, connections]) => ({ evaluatorId, connections })),
    players: activePlayers.map((p) => ({
      playerId: p.id,
      name: p.name,
      roleId: p.roleId,
      connections: players.get(p.id) ?? 0,
    })),
    roles: state.scenario.roles.map((role) => ({
      roleId: role.id,
      connectedPlayers: activePlayers.filter((p) => p.roleId === role.id && (players.get(p.id) ?? 0) > 0)
        .length,
    })),
  };
}
