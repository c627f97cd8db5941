import type { JoinRequest, SeatingRules, SessionState } from './state';

/**
 * Who may take a seat (issue 14, finding 9): the facilitator can lock the lobby (no new joins),
 * require approval (a join waits as a request until the facilitator admits or refuses it), and
 * reserve roles for computer players (nobody may join them). All of it is absent from a session
 * whose facilitator never changed it, so such a session's state and log are as before.
 */
export const OPEN_SEATING: SeatingRules = { locked: false, approval: false, reserved: [] };

export function seatingOf(state: SessionState): SeatingRules {
  return state.seating ?? OPEN_SEATING;
}

export function isReserved(state: SessionState, roleId: string): boolean {
  return seatingOf(state).reserved.includes(roleId);
}

export function pendingJoins(state: SessionState): JoinRequest[] {
  return (state.joinRequests ?? []).filter((r) => r.status === 'pending');
}

export const nextJoinRequestId = (state: SessionState): string =>
  `join-${(state.joinRequests?.length ?? 0) + 1}`;

const MAX_NAME = 40;

/**
 * The name as shown at the table: unique among active players and pending requests (case and
 * spacing aside), with " 2", " 3", ... added to a repeat, so two people called Sam stay apart and
 * nobody can pass for someone else by taking their name.
 */
export function uniqueName(state: SessionState, name: string): string {
  const taken = new Set(
    [
      ...state.players.filter((p) => !p.removed).map((p) => p.name),
      ...pendingJoins(state).map((r) => r.name),
    ].map(fold),
  );
  if (!taken.has(fold(name))) return name;
  for (let n = 2; ; n++) {
    const suffix = ` ${n}`;
    const candidate = `${name.slice(0, MAX_NAME - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(fold(candidate))) return candidate;
  }
}

function fold(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
