/**
 * Who this browser is in each session, kept in localStorage so that a reload (or a phone that
 * slept) comes back as the same player, facilitator or screen. One entry per session and kind,
 * so a facilitator's console and a test player in another tab can coexist. The token is the
 * credential the server issued, never something the client invents.
 */
export type IdentityKind = 'player' | 'facilitator' | 'screen' | 'observer' | 'evaluator';

export interface Identity {
  token: string;
  /** Display name, for players. */
  name?: string;
  /** Join code, so the console and screen can show it before the first view arrives. */
  joinCode?: string;
}

const PREFIX = 'crisis-table:identity:';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Some private browsing modes refuse storage; the identity then lasts as long as the tab.
    return undefined;
  }
}

function key(sessionId: string, kind: IdentityKind): string {
  return `${PREFIX}${sessionId}:${kind}`;
}

export function loadIdentity(sessionId: string, kind: IdentityKind): Identity | undefined {
  const raw = storage()?.getItem(key(sessionId, kind));
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<Identity>;
    return typeof parsed.token === 'string' ? (parsed as Identity) : undefined;
  } catch {
    return undefined;
  }
}

export function saveIdentity(sessionId: string, kind: IdentityKind, identity: Identity): void {
  storage()?.setItem(key(sessionId, kind), JSON.stringify(identity));
}

export function forgetIdentity(sessionId: string, kind: IdentityKind): void {
  storage()?.removeItem(key(sessionId, kind));
}

/**
 * The distinct facilitator tokens this browser holds. A facilitator's exercises share one token when they were created from this
 * browser (the create form reuses it), and a co-facilitator link brings another.
 */
export function facilitatorTokens(): string[] {
  const store = storage();
  if (!store) return [];
  const tokens = new Set<string>();
  for (let i = 0; i < store.length; i++) {
    const name = store.key(i);
    if (!name?.startsWith(PREFIX) || !name.endsWith(':facilitator')) continue;
    const sessionId = name.slice(PREFIX.length, -':facilitator'.length);
    const identity = loadIdentity(sessionId, 'facilitator');
    if (identity) tokens.add(identity.token);
  }
  return [...tokens];
}
