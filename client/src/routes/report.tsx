import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import type { TableCohort } from '../../../shared/protocol/cohort';
import type { ImprovementPlanRow } from '../../../shared/session/after-action-types';
import type { SessionEvent } from '../../../shared/session/events';
import type { ForkSpec } from '../../../shared/session/fork';
import type { LogEntry } from '../../../shared/session/log';
import type { AfterActionReport, ReportObjective } from '../../../shared/views/after-action-report';
import { forkReport, type ReportFork } from '../../../shared/views/fork-report';
import { AckError } from '../components/ack-error';
import { type ReadySession, SessionRoute } from '../components/session-route';
import { TopBar } from '../components/top-bar';
import { useAck } from '../hooks/use-ack';
import type { SessionHandle } from '../hooks/use-session';
import { fetchLog, loadForks } from '../lib/forks';
import { type IdentityKind, loadIdentity } from '../lib/identity';
import { downloadReportFile, fetchReport, fetchTableCohort } from '../lib/report-api';

/**
 * The HSEEP After-Action Report / Improvement Plan (issue 21), print-ready (the browser's print
 * saves it as PDF), with Word and CSV downloads. The facilitator edits it here (each edit a logged
 * command) and makes the read-only share link; a share link (`#share=<token>`) or a participant's
 * own identity shows the participants' report, without secrets they were not entitled to.
 */
export function ReportRoute() {
  const sessionId = useParams().sessionId ?? '';
  const [share] = useState(() => /(?:^#|&)share=([^&]+)/.exec(window.location.hash)?.[1]);
  if (share) return <ReadOnlyReport sessionId={sessionId} token={decodeURIComponent(share)} />;
  if (loadIdentity(sessionId, 'facilitator')) {
    return (
      <SessionRoute<'facilitator'>
        kind="facilitator"
        rejoin={<p>Open the report from the console that ran the exercise.</p>}
      >
        {(ready) => <FacilitatorReport {...ready} />}
      </SessionRoute>
    );
  }
  const kinds: IdentityKind[] = ['player', 'evaluator', 'observer'];
  const token = kinds.map((k) => loadIdentity(sessionId, k)?.token).find(Boolean);
  if (!token) {
    return (
      <main>
        <h1>After-action report</h1>
        <p>Open the report from the browser that took part in the exercise, or with its share link.</p>
      </main>
    );
  }
  return <ReadOnlyReport sessionId={sessionId} token={token} />;
}

function useReport(sessionId: string, token: string, version: number) {
  const [report, setReport] = useState<AfterActionReport>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    // A new `version` (the session's seq after an edit) drafts the report again.
    if (version < 0) return;
    let cancelled = false;
    void fetchReport(sessionId, token).then((result) => {
      if (cancelled) return;
      if (result.ok) setReport(result.value);
      else setError(result.message);
    });
    return () => {
      cancelled = true;
    };
  }, [sessionId, token, version]);
  return { report, error };
}

function ReadOnlyReport({ sessionId, token }: { sessionId: string; token: string }) {
  const { report, error } = useReport(sessionId, token, 0);
  return (
    <main className="report">
      <h1 className="report-page-title">After-action report</h1>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {!report && !error && <p role="status">Loading the report…</p>}
      {report && (
        <>
          <Documents sessionId={sessionId} token={token} />
          <ReportDocument report={report} />
        </>
      )}
    </main>
  );
}

/**
 * The facilitator's kept forks (issue 17), recomputed from the log (the facilitator-only export)
 * for the report's "What if: the forks" section; the specs also go with the Word download.
 */
function useReportForks(sessionId: string) {
  const [specs] = useState<ForkSpec[]>(() => loadForks(sessionId));
  const [log, setLog] = useState<(LogEntry | SessionEvent)[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (specs.length === 0) return;
    let live = true;
    void fetchLog(sessionId).then((result) => {
      if (!live) return;
      if (result.ok) setLog(result.value);
      else setError(result.message);
    });
    return () => {
      live = false;
    };
  }, [sessionId, specs]);
  const forks = useMemo(() => (log ? forkReport(log, specs) : undefined), [log, specs]);
  return { specs, forks, error };
}

/** The class this table belongs to (issue 13), for the report's "The class" section; undefined when none. */
function useTableCohort(sessionId: string, token: string, phase: string) {
  const [cohort, setCohort] = useState<TableCohort>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!phase) return;
    let live = true;
    void fetchTableCohort(sessionId, token).then((result) => {
      if (!live) return;
      if (result.ok) setCohort(result.value);
      else setError(result.message);
    });
    return () => {
      live = false;
    };
  }, [sessionId, token, phase]);
  return { cohort, error };
}

function FacilitatorReport({ session, view }: ReadySession<'facilitator'>) {
  const token = loadIdentity(view.sessionId, 'facilitator')?.token ?? '';
  const { report, error } = useReport(view.sessionId, token, session.seq);
  const forks = useReportForks(view.sessionId);
  // Read again when this table changes phase (the class's other tables are read as they are then).
  const cohort = useTableCohort(view.sessionId, token, view.phase);
  const editable = view.phase === 'debrief';
  return (
    <>
      <TopBar
        title="After-action report"
        subtitle={report?.overview.scenarioTitle ?? ''}
        connection={session.connection}
      />
      {/* The report's own title is the document's h1 when printed; the bar is not printed. */}
      <main className="report">
        <AckError message={error} />
        {!report && !error && <p role="status">Loading the report…</p>}
        {report && (
          <>
            <Documents sessionId={view.sessionId} token={token} forks={forks.specs} />
            <ShareLink session={session} sessionId={view.sessionId} />
            {!editable && <p className="notice no-print">The report can be edited during the debrief.</p>}
            <AckError message={forks.error ?? cohort.error} />
            <ReportDocument
              report={report}
              editor={editable ? session.send : undefined}
              forks={forks.specs.length > 0 ? (forks.forks ?? 'loading') : undefined}
              cohort={cohort.cohort}
            />
          </>
        )}
      </main>
    </>
  );
}

function Documents({
  sessionId,
  token,
  forks = [],
}: {
  sessionId: string;
  token: string;
  forks?: readonly ForkSpec[];
}) {
  const downloading = useAck();
  const download = (file: 'report.docx' | 'improvement-plan.csv') =>
    downloading.run(async () => {
      const result = await downloadReportFile(sessionId, token, file, forks);
      return result.ok ? { ok: true, seq: 0 } : result;
    });
  return (
    <div className="button-row no-print report-documents">
      <button type="button" onClick={() => window.print()}>
        Print or save as PDF
      </button>
      <button
        type="button"
        className="secondary"
        disabled={downloading.busy}
        onClick={() => download('report.docx')}
      >
        Download Word (.docx)
      </button>
      <button
        type="button"
        className="secondary"
        disabled={downloading.busy}
        onClick={() => download('improvement-plan.csv')}
      >
        Download improvement plan (CSV)
      </button>
      <AckError message={downloading.error} />
    </div>
  );
}

function ShareLink({ session, sessionId }: { session: SessionHandle<'facilitator'>; sessionId: string }) {
  const [link, setLink] = useState('');
  const issuing = useAck();
  const id = useId();
  async function create() {
    await issuing.run(async () => {
      const ack = await session.issueCredential({ kind: 'observer', name: 'After-action report share link' });
      if (ack.ok)
        setLink(`${window.location.origin}/report/${sessionId}#share=${encodeURIComponent(ack.token)}`);
      return ack;
    });
  }
  return (
    <div className="no-print share-link">
      <button type="button" className="secondary" onClick={create} disabled={issuing.busy}>
        Create read-only share link
      </button>
      {link && (
        <div className="field">
          <label htmlFor={id}>
            Share link for participants (read-only, no facilitator or evaluator notes)
          </label>
          <input id={id} readOnly value={link} onFocus={(e) => e.target.select()} />
        </div>
      )}
      <AckError message={issuing.error} />
    </div>
  );
}

type Send = SessionHandle<'facilitator'>['send'];

/** The report itself, laid out as the document that is printed. */
function ReportDocument({
  report,
  editor,
  forks,
  cohort,
}: {
  report: AfterActionReport;
  editor?: Send | undefined;
  /** The facilitator's kept forks, recomputed; 'loading' while the log is fetched; undefined when none. */
  forks?: ReportFork[] | 'loading' | undefined;
  /** The class this table belongs to, for the facilitator; undefined when none. */
  cohort?: TableCohort | undefined;
}) {
  const o = report.overview;
  return (
    <article className="aar" aria-labelledby="aar-title">
      <header className="aar-header">
        <p className="aar-kicker">After-Action Report / Improvement Plan</p>
        <h2 id="aar-title" className="aar-title">
          {o.exerciseName}
        </h2>
        <p>
          {o.startDate === o.endDate ? o.startDate : `${o.startDate} to ${o.endDate}`} · {o.durationMinutes}{' '}
          minutes · {o.participants.length} participants
        </p>
      </header>

      <section aria-labelledby="aar-overview">
        <h2 id="aar-overview">1. Exercise overview</h2>
        <dl className="aar-facts">
          <dt>Exercise name</dt>
          <dd>{o.exerciseName}</dd>
          <dt>Scenario</dt>
          <dd>
            {o.scenarioTitle} (version {o.scenarioVersion})
          </dd>
          <dt>Dates</dt>
          <dd>
            {o.startDate} to {o.endDate} ({o.durationMinutes} minutes)
          </dd>
          <dt>Scope</dt>
          <dd>{o.scope}</dd>
          <dt>Outcome</dt>
          <dd>{o.outcome}</dd>
          <dt>Score</dt>
          <dd>{o.score}</dd>
        </dl>
        <p>{o.summary}</p>
        <h3>Objectives</h3>
        <ol>
          {report.objectives.map((x) => (
            <li key={x.objectiveId}>{x.title}</li>
          ))}
        </ol>
        <h3>Participants and roles</h3>
        <p>{o.participants.map((p) => `${p.name} (${p.role})`).join(', ') || 'No players.'}</p>
      </section>

      <section aria-labelledby="aar-analysis">
        <h2 id="aar-analysis">2. Analysis of capabilities</h2>
        <div className="table-scroll">
          <table className="aar-table">
            <caption>Objectives, capabilities and ratings</caption>
            <thead>
              <tr>
                <th scope="col">Objective</th>
                <th scope="col">Capability</th>
                <th scope="col">Result</th>
                <th scope="col">Rating</th>
              </tr>
            </thead>
            <tbody>
              {report.objectives.map((x) => (
                <tr key={x.objectiveId}>
                  <th scope="row">{x.title}</th>
                  <td>{x.capabilities.join(', ')}</td>
                  <td>{x.result}</td>
                  <td>{x.ratingLabel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {report.objectives.map((x) => (
          <ObjectiveAnalysis key={x.objectiveId} objective={x} editor={editor} />
        ))}
        <h3>Decisions, votes and vetoes</h3>
        <p>
          {report.decisions.proposals} proposals: {report.decisions.approved} approved,{' '}
          {report.decisions.rejected} rejected.
        </p>
        {[...report.decisions.votes, ...report.decisions.vetoes].length > 0 && (
          <ul>
            {[...report.decisions.votes, ...report.decisions.vetoes].map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="aar-deliverables">
        <h2 id="aar-deliverables">3. Checkpoint deliverables</h2>
        {report.deliverables.length === 0 && <p>This scenario asks for no deliverable.</p>}
        {report.deliverables.map((d) => (
          <div key={d.checkpointId} className="aar-deliverable">
            <h3>{d.title}</h3>
            <p className="muted">{d.deliverable}</p>
            {!d.submitted && <p>Not submitted.</p>}
            {d.submitted && <p>Submitted in {d.submittedOn}.</p>}
            {d.sections.map((s) => (
              <div key={s.roleName}>
                <h4>{s.roleName}</h4>
                <p className="deliverable-text">{s.text}</p>
              </div>
            ))}
            {d.ratings.length > 0 && (
              <ul>
                {d.ratings.map((r, i) => (
                  // Ratings have no id in the report; their order is the log's.
                  // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list from the log
                  <li key={i}>
                    Rated {r.rating}/5 on {r.dimension}
                    {r.comment ? `: ${r.comment}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </section>

      {report.secretObjectives && (
        <section aria-labelledby="aar-secrets">
          <h2 id="aar-secrets">4. Secret objectives</h2>
          {report.secretObjectives.map((r) => (
            <div key={r.role}>
              <h3>{r.role}</h3>
              <ul>
                {r.objectives.map((x) => (
                  <li key={x.text}>
                    {x.text}: {x.met === null ? 'not judged' : x.met ? 'met' : 'not met'}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}

      <section aria-labelledby="aar-hotwash">
        <h2 id="aar-hotwash">5. Hot wash</h2>
        <h3>Strengths</h3>
        <Lines items={report.hotWash.strengths} empty="None marked." />
        <h3>Areas for improvement</h3>
        <Lines items={report.hotWash.improvements} empty="None marked." />
        {report.hotWash.answers.map((q) => (
          <div key={q.question} className="no-print">
            <h4>{q.question}</h4>
            <Lines items={q.answers} empty="No answers." />
          </div>
        ))}
      </section>

      {forks && <ForksSection forks={forks} />}
      {cohort && <ClassSection cohort={cohort} number={forks ? 7 : 6} />}

      <section aria-labelledby="aar-plan" className="aar-appendix">
        <h2 id="aar-plan">Appendix A: Improvement plan</h2>
        <ImprovementPlan rows={report.improvementPlan} editor={editor} />
        {report.carriedForward.length > 0 && (
          <>
            <h3>Carried forward from earlier exercises</h3>
            <Lines
              items={report.carriedForward.map(
                (c) => `${c.correctiveAction || c.issue} (from ${c.fromSessionId})`,
              )}
              empty=""
            />
          </>
        )}
      </section>

      <section aria-labelledby="aar-participants" className="aar-appendix">
        <h2 id="aar-participants">Appendix B: Participants</h2>
        <table className="aar-table">
          <caption>Participants</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {o.participants.map((p) => (
              <tr key={`${p.name}:${p.role}`}>
                <td>{p.name}</td>
                <td>{p.role}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  );
}

function Lines({ items, empty }: { items: readonly string[]; empty: string }) {
  if (items.length === 0) return empty ? <p className="muted">{empty}</p> : null;
  return (
    <ul>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

function ObjectiveAnalysis({
  objective: x,
  editor,
}: {
  objective: ReportObjective;
  editor?: Send | undefined;
}) {
  const [strengths, setStrengths] = useState(x.strengths.join('\n'));
  const [improvements, setImprovements] = useState(x.improvements.join('\n'));
  const saving = useAck();
  const id = useId();
  const lines = (text: string) =>
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  async function save(event: FormEvent) {
    event.preventDefault();
    if (!editor) return;
    await saving.run(() =>
      editor({
        type: 'edit-report',
        edit: {
          kind: 'analysis',
          objectiveId: x.objectiveId,
          strengths: lines(strengths),
          improvements: lines(improvements),
        },
      }),
    );
  }
  return (
    <div className="aar-objective">
      <h3>{x.title}</h3>
      {x.description && <p>{x.description}</p>}
      <p>
        <strong>Capability:</strong> {x.capabilities.join(', ') || 'none'} · <strong>Test:</strong> {x.test} ·{' '}
        <strong>Result:</strong> {x.result} · <strong>Rating:</strong> {x.ratingLabel}
      </p>
      {x.observations.length > 0 && (
        <>
          <h4>Evaluator observations</h4>
          <ul>
            {x.observations.map((obs, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list from the log
              <li key={i}>
                Round {obs.round}: {obs.rating}/5{obs.note ? `, ${obs.note}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {x.decisionTiming.length > 0 && (
        <>
          <h4>Decision timing</h4>
          <Lines items={x.decisionTiming} empty="" />
        </>
      )}
      <div className="aar-columns">
        <div>
          <h4>Strengths</h4>
          <Lines items={x.strengths} empty="None recorded." />
        </div>
        <div>
          <h4>Areas for improvement</h4>
          <Lines items={x.improvements} empty="None recorded." />
        </div>
      </div>
      {editor && (
        <form className="no-print aar-edit" onSubmit={save}>
          <div className="field">
            <label htmlFor={`${id}-s`}>Strengths of “{x.title}” (one per line)</label>
            <textarea id={`${id}-s`} value={strengths} onChange={(e) => setStrengths(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-i`}>Areas for improvement of “{x.title}” (one per line)</label>
            <textarea id={`${id}-i`} value={improvements} onChange={(e) => setImprovements(e.target.value)} />
          </div>
          <button type="submit" disabled={saving.busy}>
            Save analysis of “{x.title}”
          </button>
          <AckError message={saving.error} />
        </form>
      )}
    </div>
  );
}

const PLAN_FIELDS = [
  ['issue', 'Issue'],
  ['correctiveAction', 'Corrective action'],
  ['capability', 'Capability'],
  ['owner', 'Owner'],
  ['start', 'Start'],
  ['completion', 'Completion'],
] as const;

function ImprovementPlan({ rows, editor }: { rows: ImprovementPlanRow[]; editor?: Send | undefined }) {
  const [adding, setAdding] = useState(false);
  return (
    <>
      <div className="table-scroll">
        <table className="aar-table">
          <caption>Improvement plan</caption>
          <thead>
            <tr>
              {PLAN_FIELDS.map(([, label]) => (
                <th key={label} scope="col">
                  {label}
                </th>
              ))}
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                {PLAN_FIELDS.map(([field]) => (
                  <td key={field}>{row[field]}</td>
                ))}
                <td>{row.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p className="muted">No corrective action yet.</p>}
      {editor && (
        <div className="no-print">
          {rows.map((row) => (
            <PlanRowEditor key={row.id} row={row} editor={editor} />
          ))}
          {adding ? (
            <PlanRowEditor
              row={{
                id: `ip-added-${rows.length + 1}`,
                objectiveId: null,
                issue: '',
                correctiveAction: '',
                capability: '',
                owner: '',
                start: rows[0]?.start ?? '',
                completion: rows[0]?.completion ?? '',
                status: 'open',
              }}
              editor={editor}
              onSaved={() => setAdding(false)}
            />
          ) : (
            <button type="button" className="secondary" onClick={() => setAdding(true)}>
              Add an improvement-plan row
            </button>
          )}
        </div>
      )}
    </>
  );
}

function PlanRowEditor({
  row,
  editor,
  onSaved,
}: {
  row: ImprovementPlanRow;
  editor: Send;
  onSaved?: () => void;
}) {
  const [draft, setDraft] = useState(row);
  const saving = useAck();
  const id = useId();
  async function save(event: FormEvent) {
    event.preventDefault();
    if (await saving.run(() => editor({ type: 'edit-report', edit: { kind: 'plan-row', row: draft } })))
      onSaved?.();
  }
  return (
    <form className="plan-row-editor" onSubmit={save} aria-label={`Edit improvement-plan row ${row.id}`}>
      {PLAN_FIELDS.map(([field, label]) => (
        <div className="field" key={field}>
          <label htmlFor={`${id}-${field}`}>
            {label} ({row.id})
          </label>
          <input
            id={`${id}-${field}`}
            value={draft[field]}
            placeholder={field === 'start' || field === 'completion' ? 'YYYY-MM-DD' : undefined}
            onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
          />
        </div>
      ))}
      <div className="field">
        <label htmlFor={`${id}-status`}>Status ({row.id})</label>
        <select
          id={`${id}-status`}
          value={draft.status}
          onChange={(e) => setDraft({ ...draft, status: e.target.value as ImprovementPlanRow['status'] })}
        >
          <option value="open">Open</option>
          <option value="closed">Closed</option>
        </select>
      </div>
      <button type="submit" disabled={saving.busy}>
        Save row {row.id}
      </button>
      <AckError message={saving.error} />
    </form>
  );
}

/** "What if: the forks" (issue 17): each fork the facilitator kept, both futures side by side. */
function ForksSection({ forks }: { forks: ReportFork[] | 'loading' }) {
  return (
    <section aria-labelledby="aar-forks" className="aar-forks">
      <h2 id="aar-forks">6. What if: the forks</h2>
      <p>
        Each fork replays the exercise with one decision changed, the same seed and the same injects: the
        difference is that decision alone. The exercise itself was not changed.
      </p>
      {forks === 'loading' && <p role="status">Computing the forks…</p>}
      {forks !== 'loading' &&
        forks.map((f) => (
          <div key={f.name} className="aar-fork">
            <h3>{f.name}</h3>
            <p>
              <strong>Changed decision:</strong> {f.change}
            </p>
            {f.error || !f.original || !f.fork ? (
              <p className="error-text">This fork cannot be computed: {f.error}</p>
            ) : (
              <>
                <div className="table-scroll">
                  <table className="aar-table">
                    <caption>{f.name}: as played and in the fork</caption>
                    <thead>
                      <tr>
                        <td />
                        <th scope="col">As played</th>
                        <th scope="col">In the fork</th>
                      </tr>
                    </thead>
                    <tbody>
                      <tr>
                        <th scope="row">Outcome</th>
                        <td>{f.original.outcome}</td>
                        <td>{f.fork.outcome}</td>
                      </tr>
                      <tr>
                        <th scope="row">Objectives</th>
                        <td>{f.original.objectivesMet}</td>
                        <td>{f.fork.objectivesMet}</td>
                      </tr>
                      <tr>
                        <th scope="row">Score</th>
                        <td>{f.original.score}</td>
                        <td>{f.fork.score}</td>
                      </tr>
                      <tr>
                        <th scope="row">Round {f.round} applied</th>
                        <td>{f.original.applied}</td>
                        <td>{f.fork.applied}</td>
                      </tr>
                      {f.original.objectives.map((x, i) => (
                        <tr key={x.title}>
                          <th scope="row">{x.title}</th>
                          <td>{x.result}</td>
                          <td>{f.fork?.objectives[i]?.result}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <p>
                  <strong>What differed first:</strong> {f.firstDifference}
                </p>
              </>
            )}
          </div>
        ))}
    </section>
  );
}

const DECISION_STATUS: Record<string, string> = {
  applied: 'applied',
  approved: 'approved, not applied',
  rejected: 'rejected',
  vetoed: 'vetoed',
  withdrawn: 'withdrawn',
  open: 'not decided',
};

/** "The class" (issue 13): this table among the class's tables, as the class debrief compares them. */
function ClassSection({ cohort, number }: { cohort: TableCohort; number: number }) {
  const c = cohort.comparison;
  const divergence = c.firstDivergence;
  const label = (n: number) => `Table ${n}${n === cohort.number ? ' (this table)' : ''}`;
  return (
    <section aria-labelledby="aar-class" className="aar-class">
      <h2 id="aar-class">{number}. The class</h2>
      <p>
        This exercise was table {cohort.number} of the class “{cohort.name}” ({c.tables.length} tables of the
        same scenario).
      </p>
      <div className="table-scroll">
        <table className="aar-table">
          <caption>The tables side by side</caption>
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col">Outcome</th>
              <th scope="col">Objectives met</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {c.tables.map((t) => (
              <tr key={t.sessionId} className={t.number === cohort.number ? 'aar-class-own' : undefined}>
                <th scope="row">{label(t.number)}</th>
                <td>{t.outcome ?? 'still playing'}</td>
                <td>
                  {t.objectivesMet} of {c.objectivesTotal}
                </td>
                <td>{t.score === null ? '—' : Math.round(t.score)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Where the tables diverged</h3>
      {divergence ? (
        <>
          <p>The tables first decided differently in round {divergence.round}:</p>
          <ul>
            {divergence.tables.map((t) => (
              <li key={t.number}>
                <strong>{label(t.number)}:</strong>{' '}
                {t.decisions.length > 0
                  ? t.decisions.map((d) => `${d.title} (${DECISION_STATUS[d.status] ?? d.status})`).join('; ')
                  : 'proposed nothing'}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Every table decided the same in every round.</p>
      )}
    </section>
  );
}
