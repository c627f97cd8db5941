import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { MAX_COHORT_TABLES } from '../../../shared/session/cohort';
import { useScenarios } from '../hooks/use-scenarios';
import { createCohort } from '../lib/cohort-api';

/**
 * Classroom mode (issue 13): several tables of the same scenario in one step, each its own
 * exercise, run from one overview. Folded under the exercise form: most facilitators run one table.
 */
export function CreateClassForm() {
  const { scenarios } = useScenarios();
  const navigate = useNavigate();
  const id = useId();
  const [scenarioId, setScenarioId] = useState('');
  const [tables, setTables] = useState(3);
  const [seeds, setSeeds] = useState<'same' | 'different'>('same');
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const selected = scenarios?.find((s) => s.id === (scenarioId || scenarios[0]?.id));
  if (!scenarios || scenarios.length === 0) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!selected) return;
    setBusy(true);
    setError(undefined);
    const result = await createCohort({ scenarioId: selected.id, tables, seeds }, key.trim() || undefined);
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    navigate(`/cohort/${result.value.cohortId}`);
  }

  return (
    <details className="panel create-class">
      <summary>
        <h2 id={`${id}-heading`}>Run a class (several tables)</h2>
      </summary>
      <form onSubmit={submit} aria-labelledby={`${id}-heading`}>
        <p className="muted">
          One exercise per table, all of the same scenario, run from one overview, with one projector for the
          room and a debrief that compares the tables.
        </p>
        <div className="field">
          <label htmlFor={`${id}-scenario`}>Scenario</label>
          <select
            id={`${id}-scenario`}
            value={selected?.id ?? ''}
            onChange={(e) => setScenarioId(e.target.value)}
          >
            {scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-tables`}>Tables</label>
          <input
            id={`${id}-tables`}
            type="number"
            min={1}
            max={MAX_COHORT_TABLES}
            value={tables}
            onChange={(e) => setTables(Math.max(1, Math.min(MAX_COHORT_TABLES, Number(e.target.value) || 1)))}
          />
        </div>
        <fieldset className="field">
          <legend>Random events</legend>
          <label>
            <input
              type="radio"
              name={`${id}-seeds`}
              checked={seeds === 'same'}
              onChange={() => setSeeds('same')}
            />{' '}
            The same at every table (tables differ only by their decisions)
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-seeds`}
              checked={seeds === 'different'}
              onChange={() => setSeeds('different')}
            />{' '}
            Different at each table
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-key`}>Facilitator key (if this server requires one)</label>
          <input
            id={`${id}-key`}
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
          {busy ? 'Creating…' : `Create a class of ${tables} table${tables === 1 ? '' : 's'}`}
        </button>
      </form>
    </details>
  );
}
