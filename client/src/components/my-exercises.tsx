import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { SessionListing } from '../../../shared/views/public';
import { exportSession, listMySessions } from '../lib/api';
import { facilitatorTokens, loadIdentity, saveIdentity } from '../lib/identity';
import { PHASE_LABEL } from '../lib/labels';

/**
 * "My exercises": every exercise this browser's facilitator tokens run or ran, asked of the server
 * (which lists them from its store, ended and archived ones included), so a console closed, a
 * machine restarted or a co-facilitator link opened elsewhere all lead back to the exercise.
 */
export function MyExercises() {
  const [tokens] = useState(facilitatorTokens);
  const [listed, setListed] = useState<{ listing: SessionListing; token: string }[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (tokens.length === 0) return;
    let cancelled = false;
    void Promise.all(tokens.map(async (token) => ({ token, result: await listMySessions(token) }))).then(
      (answers) => {
        if (cancelled) return;
        const byId = new Map<string, { listing: SessionListing; token: string }>();
        for (const { token, result } of answers) {
          if (!result.ok) {
            setError(result.message);
            continue;
          }
          for (const listing of result.value.sessions) byId.set(listing.sessionId, { listing, token });
        }
        setListed([...byId.values()].sort((a, b) => b.listing.createdAt - a.listing.createdAt));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [tokens]);

  if (tokens.length === 0) return null;
  return (
    <section className="panel my-exercises" aria-labelledby="my-exercises-heading">
      <h2 id="my-exercises-heading">My exercises</h2>
      {error && <p className="error-text">The list could not be loaded: {error}</p>}
      {!listed && !error && <p className="muted">Loading your exercises…</p>}
      {listed && listed.length === 0 && <p className="muted">No exercises yet.</p>}
      {listed && listed.length > 0 && (
        <ul className="my-exercises-list">
          {listed.map(({ listing, token }) => (
            <li key={listing.sessionId}>
              {listing.ended ? (
                <>
                  <strong>{listing.scenarioTitle}</strong>{' '}
                  <ExportButton sessionId={listing.sessionId} token={token} />{' '}
                </>
              ) : (
                <>
                  <Link
                    to={`/facilitate/${listing.sessionId}`}
                    onClick={() => {
                      // A session created under the same token elsewhere: this browser may open it too.
                      if (!loadIdentity(listing.sessionId, 'facilitator'))
                        saveIdentity(listing.sessionId, 'facilitator', { token, joinCode: listing.joinCode });
                    }}
                  >
                    {listing.scenarioTitle}
                  </Link>{' '}
                </>
              )}
              <span className="muted">
                · code {listing.joinCode} ·{' '}
                {PHASE_LABEL[listing.phase as keyof typeof PHASE_LABEL] ?? listing.phase}
                {listing.round > 0 ? `, round ${listing.round}` : ''} · {listing.players} player
                {listing.players === 1 ? '' : 's'} · created{' '}
                {new Date(listing.createdAt).toLocaleString(undefined, {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** An ended exercise is no longer served live; its full log and outcome download from the store. */
function ExportButton({ sessionId, token }: { sessionId: string; token: string }) {
  const [error, setError] = useState<string>();
  return (
    <>
      <button
        type="button"
        className="secondary small"
        onClick={async () => {
          const result = await exportSession(sessionId, token);
          if (!result.ok) {
            setError(result.message);
            return;
          }
          const url = URL.createObjectURL(new Blob([result.value], { type: 'application/json' }));
          const link = document.createElement('a');
          link.href = url;
          link.download = `crisis-table-${sessionId}.json`;
          link.click();
          URL.revokeObjectURL(url);
        }}
      >
        Download the log (JSON)
      </button>
      {error && <span className="error-text">{error}</span>}
    </>
  );
}
