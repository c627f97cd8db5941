import { useMemo } from 'react';
import { metricTestOf } from '../../../shared/scenario/scenario-time';
import type { Objective } from '../../../shared/scenario/schema';
import { scoreSoFar } from '../../../shared/session/scoring';
import type { Observation } from '../../../shared/session/state';
import type { PublicScenario, ViewOf } from '../../../shared/views/view';
import type { ViewerKind } from '../../../shared/views/viewer';

type View = ViewOf<ViewerKind>;

import { AckError } from '../components/ack-error';
import { AfterTheExercise } from '../components/after-the-exercise';
import { DataTable } from '../components/data-table';
import { DecisionLog } from '../components/decision-log';
import { ForkPanel } from '../components/fork-panel';
import { KnowledgeMapView } from '../components/knowledge-map';
import { LiveInjectsRecord } from '../components/live-injects-record';
import { MetricChart } from '../components/metric-chart';
import { ModuleList } from '../components/module-panel';
import { ObservationList } from '../components/observation-list';
import { RoundSummary } from '../components/round-summary';
import { ScoreTable } from '../components/score-table';
import { type ReadySession, SessionRoute } from '../components/session-route';
import { TopBar } from '../components/top-bar';
import { useAck } from '../hooks/use-ack';
import { exportSession } from '../lib/api';
import { chartMarkers, chartPoints, chartTarget, debriefMetrics, objectiveTest } from '../lib/debrief';
import { loadForks } from '../lib/forks';
import { formatMetric } from '../lib/format';
import { type IdentityKind, loadIdentity } from '../lib/identity';
import { keyed } from '../lib/keyed';
import { PHASE_LABEL } from '../lib/labels';
import { ratedText } from '../lib/rated';
import { At, at, unitWord } from '../lib/scenario-model';

/** Whoever this browser is in the session sees the debrief as that viewer; the facilitator sees the most. */
const PREFERENCE: (ViewerKind & IdentityKind)[] = [
  'facilitator',
  'player',
  'evaluator',
  'observer',
  'screen',
];

export function DebriefRoute() {
  return (
    <SessionRoute<ViewerKind>
      kind={(sessionId) => PREFERENCE.find((k) => loadIdentity(sessionId, k)) ?? 'player'}
      rejoin={<p>The debrief opens for the people who took part in the exercise, from the same browser.</p>}
    >
      {(ready) => <Debrief {...ready} />}
    </SessionRoute>
  );
}

/** A checkpoint result's value: the metric's figure when the objective is one metric test. */
function resultValue(objective: Objective | undefined, value: number): string {
  const test = metricTestOf(objective?.test);
  if (test) return formatMetric(test.metric, value);
  return value ? 'holds' : 'does not hold';
}

/**
 * Every objective with what it asks (a metric test or a decision condition in words, or rated by
 * evaluators) and how it went: met or missed on its day, or the evaluators' HSEEP rating.
 */
function ObjectivesPanel({ scenario, view }: { scenario: PublicScenario; view: View }) {
  if (scenario.objectives.length === 0) return null;
  const observations = 'observations' in view ? (view.observations as Observation[]) : undefined;
  return (
    <section className="panel" aria-labelledby="objectives-heading">
      <h2 id="objectives-heading">Objectives</h2>
      <DataTable caption="The exercise's objectives" columns={['Objective', 'Asks', 'Result']}>
        {scenario.objectives.map((o) => {
          const result = view.objectives.find((r) => r.objectiveId === o.id);
          return (
            <tr key={o.id}>
              <th scope="row">{o.title}</th>
              <td>{objectiveTest(o, scenario)}</td>
              <td className={result ? (result.met ? 'checkpoint-met' : 'checkpoint-missed') : undefined}>
                {o.rated ? (
                  ratedText(o.id, observations)
                ) : result ? (
                  <>
                    <span aria-hidden="true">{result.met ? '✓' : '✗'}</span> {result.met ? 'Met' : 'Missed'}{' '}
                    on {at(result.day)}
                    {metricTestOf(o.test) ? `: ${resultValue(o, result.value)}` : ''}
                  </>
                ) : (
                  'not due in this exercise'
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </section>
  );
}

function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

function Debrief({ session, view, scenario }: ReadySession<ViewerKind>) {
  const metrics = useMemo(() => debriefMetrics(scenario), [scenario]);
  const markers = useMemo(() => chartMarkers(scenario, view), [scenario, view]);
  const exporting = useAck();
  const finished = view.phase === 'debrief' || view.phase === 'ended';
  const finalScore = view.score ? scoreSoFar(view, scenario) : null;
  const sessionId = view.sessionId;

  async function exportJson() {
    if (view.kind === 'facilitator') {
      const token = loadIdentity(sessionId, 'facilitator')?.token ?? '';
      await exporting.run(async () => {
        const result = await exportSession(sessionId, token);
        // The kept forks (name, round, alternative) go into the after-action record with the log.
        const withForks = () =>
          JSON.stringify(
            { ...JSON.parse(result.ok ? result.value : '{}'), forks: loadForks(sessionId) },
            null,
            2,
          );
        if (result.ok) download(`crisis-table-${sessionId}.json`, withForks());
        return result.ok ? { ok: true, seq: session.seq } : result;
      });
      return;
    }
    // Others export what they were shown: the public record of the exercise.
    const record = {
      format: 'crisis-table-debrief',
      sessionId,
      scenario: { id: scenario.id, title: scenario.title, version: scenario.version },
      seq: session.seq,
      outcome: view.outcome,
      score: view.score,
      checkpoints: view.checkpoints,
      objectives: view.objectives,
      rounds: view.rounds,
      proposals: view.proposals,
      injects: view.injects,
      series: view.sim.series,
      events: view.sim.events,
    };
    download(`crisis-table-${sessionId}-debrief.json`, JSON.stringify(record, null, 2));
  }

  return (
    <>
      <TopBar title="Debrief" subtitle={scenario.title} connection={session.connection} />
      <main className="debrief">
        <p className="print-only">
          Crisis Table after-action summary · {scenario.title} · session {sessionId}
        </p>
        {!finished && (
          <p className="notice">
            The exercise is still running ({PHASE_LABEL[view.phase].toLowerCase()}, round {view.round}); this
            page shows the record so far.
          </p>
        )}
        <div className="button-row no-print">
          <button type="button" onClick={exportJson} disabled={exporting.busy}>
            Export JSON{view.kind === 'facilitator' ? ' (full event log)' : ''}
          </button>
          <button type="button" className="secondary" onClick={() => window.print()}>
            Print or save as PDF
          </button>
        </div>
        <AckError message={exporting.error} />

        <section className="panel" aria-labelledby="outcome-heading">
          <h2 id="outcome-heading">Outcome</h2>
          <p>
            {view.outcome
              ? view.outcome.kind === 'end-state'
                ? `Ended in an end state: ${view.outcome.title}.`
                : view.outcome.kind === 'completed'
                  ? `All ${scenario.rounds.count} rounds played.`
                  : 'Ended by the facilitator.'
              : 'Not decided yet.'}{' '}
            Simulated {at(view.sim.day)}; {view.rounds.length} round{view.rounds.length === 1 ? '' : 's'}{' '}
            resolved.
          </p>
          {/* Over the objectives that were due: one whose day never came is neither met nor missed. */}
          {finalScore && (
            <p>
              <strong>Score: {Math.round(finalScore.total)} / 100</strong> over the objectives due by{' '}
              {at(view.sim.day)}
            </p>
          )}
        </section>

        <section aria-labelledby="charts-heading">
          <h2 id="charts-heading">The main metrics over simulated {unitWord()}</h2>
          <div className="chart-grid-layout">
            {metrics.map((metric) => (
              <MetricChart
                key={metric}
                metric={metric}
                points={chartPoints(view, metric)}
                markers={markers}
                target={chartTarget(scenario, metric)}
              />
            ))}
          </div>
        </section>

        <ObjectivesPanel scenario={scenario} view={view} />
        <ModuleList scenario={scenario} />

        <section className="panel" aria-labelledby="checkpoints-heading">
          <h2 id="checkpoints-heading">Checkpoints against the objectives</h2>
          {scenario.checkpoints.length === 0 && <p className="muted">This scenario has no checkpoints.</p>}
          {scenario.checkpoints.map((checkpoint) => {
            const result = view.checkpoints.find((c) => c.checkpointId === checkpoint.id);
            return (
              <div key={checkpoint.id}>
                <h3>
                  {At(checkpoint.day)}: {checkpoint.title}
                </h3>
                {checkpoint.deliverable && <p className="muted">{checkpoint.deliverable}</p>}
                {!result && <p>Not reached in this exercise.</p>}
                {result && (
                  <DataTable
                    caption={`Objectives at ${checkpoint.title}`}
                    columns={['Objective', 'Target', 'Result']}
                  >
                    {result.objectives.map((r) => {
                      const objective = scenario.objectives.find((o) => o.id === r.objectiveId);
                      return (
                        <tr key={r.objectiveId}>
                          <th scope="row">{objective?.title ?? r.objectiveId}</th>
                          <td>{objective ? objectiveTest(objective, scenario) : ''}</td>
                          <td className={r.met ? 'checkpoint-met' : 'checkpoint-missed'}>
                            <span aria-hidden="true">{r.met ? '✓' : '✗'}</span> {r.met ? 'Met' : 'Missed'}:{' '}
                            {resultValue(objective, r.value)}
                          </td>
                        </tr>
                      );
                    })}
                  </DataTable>
                )}
              </div>
            );
          })}
        </section>

        <section className="panel" aria-labelledby="why-heading">
          <h2 id="why-heading">Why things moved</h2>
          {view.rounds.length === 0 && <p className="muted">No round was resolved.</p>}
          {view.rounds.map((round) => (
            <div key={round.round}>
              <h3>Round {round.round}</h3>
              <RoundSummary result={round} scenario={scenario} />
            </div>
          ))}
          {view.sim.events.length > 0 && (
            <details>
              <summary>Everything the simulation recorded ({view.sim.events.length} events)</summary>
              <ul>
                {keyed(view.sim.events, (e) => `${e.day}:${e.text}`).map(({ key, item }) => (
                  <li key={key}>
                    {At(item.day)}: {item.text}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>

        <section className="panel" aria-labelledby="log-heading">
          <h2 id="log-heading">Decision log</h2>
          <DecisionLog proposals={view.proposals} scenario={scenario} players={view.players} />
        </section>

        <LiveInjectsRecord injects={view.injects} />
        {view.knowledge && <KnowledgeMapView map={view.knowledge} />}

        {view.kind === 'facilitator' && <ForkPanel view={view} scenario={scenario} />}

        <section className="panel" aria-labelledby="score-heading">
          <h2 id="score-heading">Rubric scores</h2>
          {view.score ? (
            <ScoreTable score={view.score} />
          ) : (
            <p className="muted">Scored when the exercise ends.</p>
          )}
        </section>

        {(view.kind === 'facilitator' || view.kind === 'evaluator') && (
          <section className="panel" aria-labelledby="obs-heading">
            <h2 id="obs-heading">Evaluator observations</h2>
            <ObservationList observations={view.observations} scenario={scenario} />
          </section>
        )}

        <section className="panel" aria-labelledby="hotwash-heading">
          <h2 id="hotwash-heading">Hot wash</h2>
          {scenario.scoring.hotWash.length === 0 ? (
            <p className="muted">No hot-wash questions in this scenario.</p>
          ) : (
            <ol>
              {scenario.scoring.hotWash.map((q) => (
                <li key={q}>{q}</li>
              ))}
            </ol>
          )}
        </section>
        <AfterTheExercise session={session} view={view} scenario={scenario} />
      </main>
    </>
  );
}
