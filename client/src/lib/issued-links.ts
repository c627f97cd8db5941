/**
 * The projector, evaluator and co-facilitator links this console issued, kept in this browser's
 * storage per session so that they survive a reload of the console. The server keeps only the
 * hash of each token, so a link lost from here cannot be shown again: the console issues a new one
 * (and the facilitator may revoke the old). Like the facilitator's own token (./identity.ts), the
 * tokens stay in this browser; nothing here is sent anywhere.
 */
export type IssuedLinkKind = 'screen' | 'evaluator' | 'facilitator';

export interface IssuedLink {
  kind: IssuedLinkKind;
  name: string;
  token: string;
  /** The credential's id in the session, to match it against the view (revoked or not). */
  credentialId: string;
}

const PREFIX = 'crisis-table:links:';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

const KINDS: readonly string[] = ['screen', 'evaluator', 'facilitator'];

function isIssuedLink(value: unknown): value is IssuedLink {
  const link = value as Partial<IssuedLink> | null;
  return (
    typeof link === 'object' &&
    link !== null &&
    typeof link.kind === 'string' &&
    KINDS.includes(link.kind) &&
    typeof link.name === 'string' &&
    typeof link.token === 'string' &&
    typeof link.credentialId === 'string'
  );
}

export function loadIssuedLinks(sessionId: string): IssuedLink[] {
  const raw = storage()?.getItem(PREFIX + sessionId);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isIssuedLink) : [];
  } catch {
    return [];
  }
}

export function saveIssuedLinks(sessionId: string, links: readonly IssuedLink[]): void {
  try {
    storage()?.setItem(PREFIX + sessionId, JSON.stringify(links));
  } catch {
    // Storage full or refused: the links last as long as the page.
  }
}
