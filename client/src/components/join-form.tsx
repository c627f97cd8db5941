import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { JoinPreview } from '../../../shared/protocol/rest';
import { joinExercise, type PendingJoin, waitForAdmission } from '../lib/join';

const ERROR_TEXT: Record<string, string> = {
  'unknown-join-code': 'No exercise is running with that code. Check the code on the screen.',
  'too-many-attempts': 'Too many wrong codes from this network. Wait a minute and try again.',
  'role-full': 'Every seat at this table is taken. Ask the facilitator.',
  'lobby-locked': 'The facilitator has closed this exercise to new players. Ask them to open it.',
  'invalid-token': 'The facilitator did not let you in. Ask them, then join again.',
};

/** A player joins: the code from the screen (unless the QR link carried it), a name, optionally a role. */
export function JoinForm({
  code,
  preview,
}: {
  code?: string | undefined;
  preview?: JoinPreview | undefined;
}) {
  const navigate = useNavigate();
  const [joinCode, setJoinCode] = useState(code ?? '');
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState<PendingJoin>();

  // The facilitator approves joins: wait for them to admit this one, then go to the table.
  useEffect(() => {
    if (!pending) return;
    const stop = new AbortController();
    void waitForAdmission(pending, stop.signal).then((result) => {
      if (stop.signal.aborted) return;
      setPending(undefined);
      if (result.ok) navigate(`/play/${pending.sessionId}`);
      else setError(ERROR_TEXT[result.code] ?? result.message);
    });
    return () => stop.abort();
  }, [pending, navigate]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmedCode = joinCode.trim().toUpperCase();
    if (!trimmedCode || !name.trim()) {
      setError('Enter the join code and your name.');
      return;
    }
    setBusy(true);
    setError(undefined);
    const result = await joinExercise({
      joinCode: trimmedCode,
      name: name.trim(),
      ...(role ? { preferredRole: role } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setError(ERROR_TEXT[result.code] ?? result.message);
      return;
    }
    if (result.pending) setPending(result.pending);
    else navigate(`/play/${result.sessionId}`);
  }

  if (pending) {
    return (
      <section className="panel" aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">Waiting for the facilitator to let you in</h2>
        <p role="status">
          You asked to join as <strong>{pending.name}</strong>. The facilitator approves each player in this
          exercise; keep this page open and you will go to the table as soon as they admit you.
        </p>
        <button type="button" onClick={() => setPending(undefined)}>
          Stop waiting
        </button>
      </section>
    );
  }

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="join-heading">
      <h2 id="join-heading">Join an exercise</h2>
      {preview && (
        <p>
          <strong>{preview.scenarioTitle}</strong>
        </p>
      )}
      <div className="field-row">
        {code === undefined && (
          <div className="field">
            <label htmlFor="join-code">Join code</label>
            <input
              id="join-code"
              className="join-code-input"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={16}
              value={joinCode}
              onChange={(e) => setJoinCode(e.target.value)}
            />
          </div>
        )}
        <div className="field">
          <label htmlFor="player-name">Your name</label>
          <input
            id="player-name"
            autoComplete="nickname"
            maxLength={40}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        {preview && preview.roles.length > 0 && (
          <div className="field">
            <label htmlFor="preferred-role">Preferred role</label>
            <select id="preferred-role" value={role} onChange={(e) => setRole(e.target.value)}>
              <option value="">Any role (the facilitator decides)</option>
              {preview.roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Joining…' : 'Join'}
      </button>
    </form>
  );
}
