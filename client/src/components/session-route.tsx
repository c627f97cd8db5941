import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { PublicScenario, ViewOf } from '../../../shared/views/view';
import type { ViewerKind } from '../../../shared/views/viewer';
import { type SessionHandle, useSession } from '../hooks/use-session';
import type { IdentityKind } from '../lib/identity';
import { setScenarioModel } from '../lib/scenario-model';
import { adoptTokenFromLink } from '../lib/token-from-link';

/** A session page's content once the first view and the scenario have arrived. */
export interface ReadySession<K extends ViewerKind> {
  session: SessionHandle<K>;
  view: ViewOf<K>;
  scenario: PublicScenario;
}

/**
 * A page for one viewer of the session named in the URL (`:sessionId`): it connects as that viewer
 * and shows why it cannot (with how to get back in), or that it is connecting, until the first view
 * and the scenario are there.
 */
export function SessionRoute<K extends ViewerKind & IdentityKind>({
  kind,
  tokenInLink = false,
  rejoin,
  children,
}: {
  /** The viewer to connect as, or how to choose it once from the identities this browser holds. */
  kind: K | ((sessionId: string) => K);
  /** Screen and evaluator links carry their token in the URL fragment. */
  tokenInLink?: boolean;
  /** What to offer when this browser has no valid identity for the session. */
  rejoin: ReactNode;
  children: (ready: ReadySession<K>) => ReactNode;
}) {
  const sessionId = useParams().sessionId ?? '';
  const [viewer] = useState(() => {
    const chosen = typeof kind === 'function' ? kind(sessionId) : kind;
    if (tokenInLink) adoptTokenFromLink(sessionId, chosen);
    return chosen;
  });
  const session = useSession(sessionId, viewer);
  const { authError, view, scenario } = session;
  if (authError) {
    return (
      <main>
        <h1>Cannot open this exercise</h1>
        <p className="error-text" role="alert">
          {authError.message}
        </p>
        {rejoin}
        <p>
          <Link to="/">Back to the start page</Link>
        </p>
      </main>
    );
  }
  if (!view || !scenario) {
    return (
      <main>
        <h1>Connecting…</h1>
        <p className="muted" role="status">
          Connecting to the exercise.
        </p>
      </main>
    );
  }
  // The scenario's metric definitions, time unit, categories and channels, for every label below.
  setScenarioModel(scenario);
  return <>{children({ session, view, scenario })}</>;
}
