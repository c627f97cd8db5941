import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import type { SessionEvent } from '../../../shared/session/events';
import { type ForkAlternativeInput, type ForkSpec, runFork } from '../../../shared/session/fork';
import type { LogEntry } from '../../../shared/session/log';
import { compareFork, type ForkComparison, type ForkFuture } from '../../../shared/views/fork-comparison';
import type { FacilitatorView, PublicScenario } from '../../../shared/views/view';
import { debriefMetrics } from '../lib/debrief';
import { fetchLog, loadForks, saveForks } from '../lib/forks';
import { formatMetric } from '../lib/format';
import { actionTitle, roleName } from '../lib/labels';
import { metricLabel } from '../lib/scenario-model';
import { AckError } from './ack-error';
import { DataTable } from './data-table';
import { ForkChart } from './fork-chart';

/**
 * Fork-and-compare for the facilitator (issue 17): pick a resolved round, change one of its
 * decisions, and see both futures side by side. The fork is computed here, in the browser, from the
 * facilitator's own export of the log (shared/session/fork.ts); forks are kept by name in this
 * browser (client/src/lib/forks.ts) and recomputed when shown.
 */
export function ForkPanel({ view, scenario }: { view: FacilitatorView; scenario: PublicScenario }) {
  const id = useId();
  const sessionId = view.sessionId;
  const resolved = view.rounds.length;
  const [log, setLog] = useState<(LogEntry | SessionEvent)[]>();
  const [loadError, setLoadError] = useState<string>();
  const [forks, setForks] = useState<ForkSpec[]>(() => loadForks(sessionId));
  const [shown, setShown] = useState<string>();

  // The log as of the last resolved round: fetched again when another round is resolved.
  useEffect(() => {
    if (resolved === 0) return;
    let live = true;
    void fetchLog(sessionId).then((result) => {
      if (!live) return;
      if (result.ok) {
        setLog(result.value);
        setLoadError(undefined);
      } else setLoadError(result.message);
    });
    return () => {
      live = false;
    };
  }, [sessionId, resolved]);

  const shownSpec = forks.find((f) => f.name === shown);
  const outcome = useMemo(() => {
    if (!log || !shownSpec) return undefined;
    const result = runFork(log, shownSpec);
    return result.ok ? { ok: true as const, comparison: compareFork(result.run) } : result;
  }, [log, shownSpec]);

  function keep(spec: ForkSpec) {
    const next = [...forks.filter((f) => f.name !== spec.name), spec];
    setForks(next);
    saveForks(sessionId, next);
    setShown(spec.name);
  }
  function remove(name: string) {
    const next = forks.filter((f) => f.name !== name);
    setForks(next);
    saveForks(sessionId, next);
    if (shown === name) setShown(undefined);
  }

  return (
    <section className="panel fork-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>What if? Fork and compare</h2>
      <p className="muted">
        Change one decision of a resolved round and replay the rest of the exercise with the same seed and
        injects: the difference is that decision alone. The exercise itself is not changed.
      </p>
      {resolved === 0 && <p className="muted">Forks open once the first round is resolved.</p>}
      <AckError message={loadError} />
      {resolved > 0 && (
        <ForkForm
          view={view}
          scenario={scenario}
          taken={forks.map((f) => f.name)}
          onKeep={keep}
          disabled={!log}
        />
      )}
      {forks.length > 0 && (
        <>
          <h3>Kept forks</h3>
          <ul className="fork-list">
            {forks.map((f) => (
              <li key={f.name}>
                <button
                  type="button"
                  className={f.name === shown ? undefined : 'secondary'}
                  aria-pressed={f.name === shown}
                  onClick={() => setShown(f.name)}
                >
                  {f.name}
                </button>{' '}
                <button
                  type="button"
                  className="secondary"
                  onClick={() => remove(f.name)}
                  aria-label={`Delete fork ${f.name}`}
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {shownSpec && !log && !loadError && <p className="muted">Loading the exercise log…</p>}
      {outcome && !outcome.ok && <AckError message={`This fork cannot be computed: ${outcome.message}`} />}
      {outcome?.ok && shownSpec && (
        <ForkResultView spec={shownSpec} comparison={outcome.comparison} scenario={scenario} view={view} />
      )}
    </section>
  );
}

function describeAlternative(spec: ForkSpec, scenario: PublicScenario, view: FacilitatorView): string {
  const alt = spec.alternative;
  if (alt.kind === 'add') {
    const params = Object.entries(alt.params)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    return `Round ${spec.round}: also do “${actionTitle(scenario, alt.actionId)}”${params ? ` (${params})` : ''}`;
  }
  const proposal = view.proposals.find((p) => p.id === alt.proposalId);
  const title = proposal ? actionTitle(scenario, proposal.actionId) : alt.proposalId;
  return `Round ${spec.round}: ${alt.kind === 'drop' ? 'do not apply' : 'apply'} “${title}”`;
}

function ForkForm({
  view,
  scenario,
  taken,
  onKeep,
  disabled,
}: {
  view: FacilitatorView;
  scenario: PublicScenario;
  taken: string[];
  onKeep: (spec: ForkSpec) => void;
  disabled: boolean;
}) {
  const id = useId();
  const resolved = view.rounds.length;
  const [round, setRound] = useState(resolved);
  const [change, setChange] = useState('');
  const [actionId, setActionId] = useState(scenario.actions[0]?.id ?? '');
  const [roleId, setRoleId] = useState('');
  const [params, setParams] = useState<Record<string, number>>({});
  const [name, setName] = useState('');
  const proposals = view.proposals.filter((p) => p.round === round && p.status !== 'withdrawn');
  const action = scenario.actions.find((a) => a.id === actionId);
  const options = [
    ...proposals
      .filter((p) => p.resolution?.applied)
      .map((p) => ({
        value: `drop:${p.id}`,
        label: `Do not apply “${actionTitle(scenario, p.actionId)}” (applied)`,
      })),
    ...proposals
      .filter((p) => !p.resolution?.applied)
      .map((p) => ({
        value: `apply:${p.id}`,
        label: `Apply “${actionTitle(scenario, p.actionId)}” (${p.status})`,
      })),
    { value: 'add', label: 'Add an action from the catalog…' },
  ];
  const selected = options.some((o) => o.value === change) ? change : (options[0]?.value ?? 'add');

  function alternative(): ForkAlternativeInput {
    if (selected === 'add') {
      const values = Object.fromEntries(
        (action?.parameters ?? []).map((p) => [p.id, params[p.id] ?? p.default]),
      );
      return { kind: 'add', actionId, params: values, ...(roleId ? { roleId } : {}) };
    }
    const [kind, proposalId = ''] = selected.split(':');
    return { kind: kind === 'drop' ? 'drop' : 'apply', proposalId };
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const fallback = `Fork ${taken.length + 1}`;
    const spec = { name: name.trim() || fallback, round, alternative: alternative() } as ForkSpec;
    onKeep(spec);
    setName('');
  }

  return (
    <form onSubmit={submit} aria-label="New fork">
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-round`}>Round to change</label>
          <select id={`${id}-round`} value={round} onChange={(e) => setRound(Number(e.target.value))}>
            {Array.from({ length: resolved }, (_, i) => i + 1).map((r) => (
              <option key={r} value={r}>
                Round {r}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-change`}>Decision to change</label>
          <select id={`${id}-change`} value={selected} onChange={(e) => setChange(e.target.value)}>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {selected === 'add' && (
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-action`}>Action</label>
            <select id={`${id}-action`} value={actionId} onChange={(e) => setActionId(e.target.value)}>
              {scenario.actions.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-role`}>Proposed by</label>
            <select id={`${id}-role`} value={roleId} onChange={(e) => setRoleId(e.target.value)}>
              <option value="">Any role that may propose it</option>
              {scenario.roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {roleName(scenario, r.id)}
                </option>
              ))}
            </select>
          </div>
          {(action?.parameters ?? []).map((p) => (
            <div className="field" key={p.id}>
              <label htmlFor={`${id}-param-${p.id}`}>{p.label}</label>
              <input
                id={`${id}-param-${p.id}`}
                type="number"
                min={p.min}
                max={p.max}
                step={p.step ?? 1}
                value={params[p.id] ?? p.default}
                onChange={(e) => setParams({ ...params, [p.id]: Number(e.target.value) })}
              />
            </div>
          ))}
        </div>
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name of the fork</label>
          <input
            id={`${id}-name`}
            value={name}
            maxLength={80}
            placeholder={`Fork ${taken.length + 1}`}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
      </div>
      <div className="button-row">
        <button type="submit" disabled={disabled}>
          Run and keep the fork
        </button>
      </div>
    </form>
  );
}

function outcomeText(f: ForkFuture): string {
  if (f.endState) return `End state: ${f.endState.title} (day ${f.endState.day})`;
  if (f.outcome?.kind === 'completed') return `All rounds played (day ${f.finalDay})`;
  if (f.outcome?.kind === 'ended-by-facilitator') return `Ended by the facilitator (day ${f.finalDay})`;
  return `Running, day ${f.finalDay}`;
}

function ForkResultView({
  spec,
  comparison,
  scenario,
  view,
}: {
  spec: ForkSpec;
  comparison: ForkComparison;
  scenario: PublicScenario;
  view: FacilitatorView;
}) {
  const metrics = debriefMetrics(scenario);
  const forkDay = view.rounds.find((r) => r.round === spec.round)?.fromDay ?? 0;
  const { original, fork, firstDifference: first } = comparison;
  const met = (f: ForkFuture) => f.objectives.filter((o) => o.met).length;
  return (
    <div className="fork-result">
      <h3>{spec.name}</h3>
      <p>
        <strong>{describeAlternative(spec, scenario, view)}</strong>
      </p>
      <DataTable caption={`Both futures of ${spec.name}`} columns={['', 'As played', 'Fork']}>
        <tr>
          <th scope="row">Outcome</th>
          <td>{outcomeText(original)}</td>
          <td>{outcomeText(fork)}</td>
        </tr>
        <tr>
          <th scope="row">Objectives met</th>
          <td>
            {met(original)} of {scenario.objectives.length}
          </td>
          <td>
            {met(fork)} of {scenario.objectives.length}
          </td>
        </tr>
        <tr>
          <th scope="row">Score</th>
          <td>{original.score === null ? '—' : Math.round(original.score)}</td>
          <td>{fork.score === null ? '—' : Math.round(fork.score)}</td>
        </tr>
        <tr>
          <th scope="row">Round {spec.round} applied</th>
          <td>{original.applied.map((a) => a.title).join(', ') || 'nothing'}</td>
          <td>{fork.applied.map((a) => a.title).join(', ') || 'nothing'}</td>
        </tr>
      </DataTable>
      <h4>What differed first</h4>
      {first ? (
        <p>
          Day {first.day} (round {first.round}):{' '}
          {first.metrics
            .slice(0, 3)
            .map(
              (m) =>
                `${metricLabel(m.metric)} ${formatMetric(m.metric, m.original)} as played, ${formatMetric(m.metric, m.fork)} in the fork`,
            )
            .join('; ')}
          .
        </p>
      ) : (
        <p>Nothing: both futures are the same.</p>
      )}
      {comparison.objectivesChanged.length > 0 && (
        <ul>
          {comparison.objectivesChanged.map((o) => (
            <li key={o.objectiveId}>
              {o.title}: {o.original === null ? 'not judged' : o.original ? 'met' : 'missed'} as played,{' '}
              {o.fork === null ? 'not judged' : o.fork ? 'met' : 'missed'} in the fork
            </li>
          ))}
        </ul>
      )}
      {comparison.refused.length > 0 && (
        <details>
          <summary>
            {comparison.refused.length} later decision{comparison.refused.length === 1 ? '' : 's'} the fork no
            longer allowed
          </summary>
          <ul>
            {comparison.refused.map((r) => (
              <li key={r.seq}>
                Round {r.round}: {r.what} — {r.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      {comparison.playedOnRounds > 0 && (
        <p className="muted">
          The exercise ended early; the fork played {comparison.playedOnRounds} more round
          {comparison.playedOnRounds === 1 ? '' : 's'} with no further decisions.
        </p>
      )}
      <div className="chart-grid-layout">
        {metrics.map((metric) => (
          <ForkChart
            key={metric}
            metric={metric}
            original={original.series}
            fork={fork.series}
            forkDay={forkDay}
          />
        ))}
      </div>
    </div>
  );
}
