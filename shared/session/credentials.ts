import type { Actor } from './actor';
import type { Credential, SessionState } from './state';

/**
 * Credentials as the session keeps them: token hashes only (the gateway hashes what a connection
 * presents and asks who that is). A revoked credential, or one of a removed player, authenticates
 * nobody.
 */

export function findCredential(state: SessionState, tokenHash: string): Credential | undefined {
  return state.credentials.find((c) => c.tokenHash === tokenHash);
}

/** The actor a presented token stands for now, or undefined when it is unknown, revoked or its player removed. */
export function authenticate(state: SessionState, tokenHash: string): Actor | undefined {
  const credential = findCredential(state, tokenHash);
  if (!credential || credential.revoked) return undefined;
  switch (credential.kind) {
    case 'player': {
      const player = state.players.find((p) => p.id === credential.subjectId);
      return player && !player.removed ? { kind: 'player', playerId: player.id } : undefined;
    }
    case 'evaluator':
      return { kind: 'evaluator', evaluatorId: credential.subjectId };
    case 'facilitator':
      return { kind: 'facilitator' };
    case 'observer':
      return { kind: 'observer' };
    case 'screen':
      return { kind: 'screen' };
  }
}

export function isActiveEvaluator(state: SessionState, evaluatorId: string): boolean {
  return state.credentials.some((c) => c.kind === 'evaluator' && c.subjectId === evaluatorId && !c.revoked);
}
