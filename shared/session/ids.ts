import type { SessionState } from './state';

/**
 * Ids of new things, derived from what the state already holds, so that they are the same on
 * every replay. Nothing is ever deleted from these lists (a removed player stays, marked removed),
 * so an id is never reused. Ids are not secrets: credentials are.
 */

export const nextPlayerId = (state: SessionState): string => `player-${state.players.length + 1}`;
export const nextCredentialId = (state: SessionState): string => `cred-${state.credentials.length + 1}`;
export const nextProposalId = (state: SessionState): string => `proposal-${state.proposals.length + 1}`;
export const nextMessageId = (state: SessionState): string => `message-${state.messages.length + 1}`;
export const nextObservationId = (state: SessionState): string =>
  `observation-${state.observations.length + 1}`;
