import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { useScenarios } from '../hooks/use-scenarios';
import { createSession } from '../lib/api';
import { facilitatorTokens, saveIdentity } from '../lib/identity';

/** For facilitators: pick a scenario and open a new exercise, then go to its console. */
export function CreateExerciseForm() {
  const { scenarios, error: listError } = useScenarios();
  const navigate = useNavigate();
  const [scenarioId, setScenarioId] = useState('');
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const selected = scenarios?.find((s) => s.id === (scenarioId || scenarios[0]?.id));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!selected) return;
    setBusy(true);
    setError(undefined);
    const facilitatorKey = key.trim() || undefined;
    // Reuse this browser's facilitator token, so "my exercises" lists this one with the others; a
    // token the server no longer knows (its sessions were deleted) is refused, then a new one is issued.
    const [mine] = facilitatorTokens();
    let result = await createSession(selected.id, facilitatorKey, mine);
    if (!result.ok && mine && result.code === 'invalid-token')
      result = await createSession(selected.id, facilitatorKey);
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    const { sessionId, joinCode, facilitatorToken } = result.value;
    saveIdentity(sessionId, 'facilitator', { token: facilitatorToken, joinCode });
    navigate(`/facilitate/${sessionId}`);
  }

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="create-heading">
      <h2 id="create-heading">Run an exercise</h2>
      {listError && <p className="error-text">Scenarios could not be loaded: {listError.message}</p>}
      {!scenarios && !listError && <p className="muted">Loading scenarios…</p>}
      {scenarios && scenarios.length === 0 && (
        <p className="notice">This server has no scenarios installed.</p>
      )}
      {scenarios && scenarios.length > 0 && (
        <>
          <div className="field">
            <label htmlFor="scenario">Scenario</label>
            <select id="scenario" value={selected?.id ?? ''} onChange={(e) => setScenarioId(e.target.value)}>
              {scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title} ({s.durationMinutes} min, {s.rounds.count} rounds)
                </option>
              ))}
            </select>
          </div>
          {selected && (
            <div className="scenario-summary">
              <p>{selected.summary}</p>
              <p className="muted">
                Roles: {selected.roles.map((r) => r.name).join(', ')} · for {selected.audience}
              </p>
            </div>
          )}
          <div className="field">
            <label htmlFor="facilitator-key">Facilitator key (if this server requires one)</label>
            <input
              id="facilitator-key"
              type="password"
              autoComplete="off"
              value={key}
              onChange={(e) => setKey(e.target.value)}
            />
          </div>
          {error && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
          <button type="submit" disabled={busy || !selected}>
            {busy ? 'Creating…' : 'Create exercise'}
          </button>
        </>
      )}
    </form>
  );
}
