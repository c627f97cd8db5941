import type { RoundResult } from '../../../shared/session/state';
import { METRICS, type MetricName } from '../../../shared/sim/metrics';
import type { PublicScenario } from '../../../shared/views/view';
import { formatMetric } from '../lib/format';
import { keyed } from '../lib/keyed';
import { actionTitle, roleName } from '../lib/labels';
import { verdict } from '../lib/metric-direction';

const SHOWN: MetricName[] = [
  'availability',
  'p95-latency-ms',
  'monthly-infra-cost-usd',
  'runway-months',
  'daily-active-users',
  'morale',
];

/** One resolution: the decisions applied, how the key metrics moved, and why (the simulation's explanations). */
export function RoundSummary({
  result,
  scenario,
  maxExplanations,
}: {
  result: RoundResult;
  scenario: PublicScenario;
  /** The projector shows the headline reasons only; the debrief shows them all. */
  maxExplanations?: number;
}) {
  const shown = SHOWN.filter((m) => result.before[m] !== undefined && result.after[m] !== undefined);
  return (
    <div className="round-summary">
      <p className="muted">
        Simulated days {result.fromDay} to {result.toDay}
      </p>
      {result.decisions.length > 0 ? (
        <ul>
          {result.decisions.map((d) => (
            <li key={d.proposalId}>
              <span aria-hidden="true">{d.applied ? '✓' : '✗'}</span> {actionTitle(scenario, d.actionId)} (
              {roleName(scenario, d.roleId)}): {d.applied ? 'applied' : 'not applied'} — {d.reason}
            </li>
          ))}
        </ul>
      ) : (
        <p>No decisions were taken this round.</p>
      )}
      {shown.length > 0 && (
        <table className="data-table">
          <caption className="visually-hidden">Metrics before and after round {result.round}</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Day {result.fromDay}</th>
              <th scope="col">Day {result.toDay}</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((m) => {
              const before = result.before[m] as number;
              const after = result.after[m] as number;
              const v = verdict(m, after - before, Math.abs(before) * 1e-4);
              return (
                <tr key={m}>
                  <th scope="row">{METRICS[m].label}</th>
                  <td>{formatMetric(m, before)}</td>
                  <td>{formatMetric(m, after)}</td>
                  <td className={v === 'same' ? '' : `delta-${v}`}>
                    {v === 'better' ? '▲ better' : v === 'worse' ? '▼ worse' : 'steady'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {result.explanations.length > 0 && (
        <>
          <h3>Why</h3>
          <ul>
            {keyed(result.explanations.slice(0, maxExplanations), (text) => text).map(({ key, item }) => (
              <li key={key}>{item}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
