import { type IdentityKind, saveIdentity } from './identity';

/**
 * Screen and evaluator links carry their token in the URL fragment (`#token=...`). Stores it for
 * the session and removes it from the address bar, so it is not left on a projected screen.
 */
export function adoptTokenFromLink(sessionId: string, kind: IdentityKind): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match?.[1]) return;
  saveIdentity(sessionId, kind, { token: decodeURIComponent(match[1]) });
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}
