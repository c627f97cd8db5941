import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import type { JoinPreview } from '../../../shared/protocol/rest';
import { joinExercise } from '../lib/join';

const ERROR_TEXT: Record<string, string> = {
  'unknown-join-code': 'No exercise is running with that code. Check the code on the screen.',
  'too-many-attempts': 'Too many wrong codes from this network. Wait a minute and try again.',
  'role-full': 'Every seat at this table is taken. Ask the facilitator.',
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
    navigate(`/play/${result.sessionId}`);
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
