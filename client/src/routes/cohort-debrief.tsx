import { Link, useParams } from 'react-router';
import type { CohortComparison } from '../../../shared/protocol/cohort';
import { CohortChart, tableColour } from '../components/cohort-chart';
import { useCohortPoll } from '../hooks/use-cohort-poll';
import { recordedMetrics } from '../lib/cohort-metrics';
import { loadIdentity } from '../lib/identity';

/**
 * The cohort debrief (issue 13): the tables side by side. The main charts with one line per table,
 * outcomes and objectives met, the first round where the tables decided differently and what each
 * decided there, then every round's decisions aligned table by table.
 */
export function CohortDebriefRoute() {
  const { cohortId = '' } = useParams();
  const token = loadIdentity(cohortId, 'facilitator')?.token;
  const poll = useCohortPoll(cohortId, 'comparison', token, false);
  return (
    <main className="cohort-debrief">
      <header className="cohort-debrief-head">
        <h1>Class debrief: the tables compared</h1>
        <Link to={`/cohort/${cohortId}`}>Back to the class overview</Link>
      </header>
      {!token ? (
        <p className="notice">This browser does not hold the facilitator link of this class.</p>
      ) : poll.data ? (
        <Comparison comparison={poll.data} />
      ) : poll.error ? (
        <p className="error-text" role="alert">
          {poll.error.message}
        </p>
      ) : (
        <p role="status">Loading the tables…</p>
      )}
    </main>
  );
}

const STATUS_TEXT: Record<string, string> = {
  applied: '✓ applied',
  approved: 'approved, not applied',
  rejected: '✗ rejected',
  vetoed: '✗ vetoed',
  withdrawn: 'withdrawn',
  open: '◌ not decided',
};

function Comparison({ comparison }: { comparison: CohortComparison }) {
  const divergence = comparison.firstDivergence;
  return (
    <>
      <section aria-labelledby="cohort-trajectories" className="panel">
        <h2 id="cohort-trajectories">Trajectories</h2>
        <div className="cohort-debrief-charts">
          {recordedMetrics(comparison).map((metric) => (
            <CohortChart
              key={metric}
              metric={metric}
              series={comparison.tables.map((t) => ({
                number: t.number,
                days: t.series.days,
                values: t.series.metrics[metric] ?? [],
              }))}
            />
          ))}
        </div>
      </section>

      <section aria-labelledby="cohort-outcomes" className="panel">
        <h2 id="cohort-outcomes">Outcomes</h2>
        {/* On a phone each row stacks into a card (styles.css), so nothing scrolls sideways. */}
        <div>
          <table className="cohort-outcomes">
            <thead>
              <tr>
                <th scope="col">Table</th>
                <th scope="col">Outcome</th>
                <th scope="col">Objectives met</th>
                <th scope="col">Score</th>
                <th scope="col">Key decisions</th>
              </tr>
            </thead>
            <tbody>
              {comparison.tables.map((t) => (
                <tr key={t.sessionId}>
                  <th scope="row" style={{ borderLeft: `6px solid ${tableColour(t.number)}` }}>
                    Table {t.number}
                  </th>
                  <td data-label="Outcome">{t.outcome ?? 'still playing'}</td>
                  <td data-label="Objectives met">
                    {t.objectivesMet} of {comparison.objectivesTotal}
                  </td>
                  <td data-label="Score">{t.score === null ? '—' : Math.round(t.score)}</td>
                  <td data-label="Key decisions">
                    {t.keyDecisions.length > 0
                      ? t.keyDecisions.map((d) => `R${d.round} ${d.title}`).join('; ')
                      : 'nothing applied'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="cohort-divergence" className="panel cohort-divergence">
        <h2 id="cohort-divergence">Where the tables diverged</h2>
        {divergence ? (
          <>
            <p>
              The tables first decided differently in <strong>round {divergence.round}</strong>:
            </p>
            <ul>
              {divergence.tables.map((t) => (
                <li key={t.number}>
                  <strong>Table {t.number}:</strong>{' '}
                  {t.decisions.length > 0
                    ? t.decisions.map((d) => `${d.title} (${STATUS_TEXT[d.status] ?? d.status})`).join('; ')
                    : 'proposed nothing'}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>Every table decided the same in every round so far.</p>
        )}
      </section>

      <section aria-labelledby="cohort-decisions" className="panel">
        <h2 id="cohort-decisions">Decisions, round by round</h2>
        {comparison.rounds.map((round) => (
          <section
            key={round.round}
            className={`cohort-round${round.diverged ? ' is-diverged' : ''}`}
            aria-labelledby={`cohort-round-${round.round}`}
          >
            <h3 id={`cohort-round-${round.round}`}>
              Round {round.round}
              {round.diverged && <span className="cohort-diverged"> · the tables diverged</span>}
            </h3>
            <ul className="cohort-round-tables">
              {round.tables.map((t) => (
                <li key={t.number} style={{ borderTopColor: tableColour(t.number) }}>
                  <h4>Table {t.number}</h4>
                  {t.decisions.length === 0 ? (
                    <p className="muted">no proposal</p>
                  ) : (
                    <ul>
                      {t.decisions.map((d) => (
                        <li key={d.proposalId}>
                          <strong>{d.title}</strong> — {STATUS_TEXT[d.status] ?? d.status}
                          <br />
                          <span className="muted">
                            {d.role}: “{d.rationale}”
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>
    </>
  );
}
