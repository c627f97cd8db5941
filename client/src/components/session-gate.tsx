import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { AckError } from '../../../shared/protocol/ack';

/** What a session route shows before its first view: why it cannot connect, or that it is connecting. */
export function SessionGate({
  authError,
  ready,
  rejoin,
  children,
}: {
  authError: AckError | undefined;
  ready: boolean;
  /** What to offer when this browser has no valid identity for the session. */
  rejoin: ReactNode;
  children: () => ReactNode;
}) {
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
  if (!ready) {
    return (
      <main>
        <h1>Connecting…</h1>
        <p className="muted" role="status">
          Connecting to the exercise.
        </p>
      </main>
    );
  }
  return <>{children()}</>;
}
