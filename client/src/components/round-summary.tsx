import type { RoundResult } from '../../../shared/session/state';
import { METRICS } from '../../../shared/sim/metrics';
import type { PublicScenario } from '../../../shared/views/view';
import { VITAL_SIGNS } from '../lib/dashboard';
import { formatMetric } from '../lib/format';
import { keyed } from '../lib/keyed';
import { actionTitle, roleName } from '../lib/labels';
import { changeClass, metricChange } from '../lib/metric-change';
import { DataTable } from './data-table';

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
  const shown = VITAL_SIGNS.filter((m) => result.before[m] !== undefined && result.after[m] !== undefined);
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
        <DataTable
          caption={`Metrics before and after round ${result.round}`}
          columns={['Metric', `Day ${result.fromDay}`, `Day ${result.toDay}`, 'Change']}
        >
          {shown.map((m) => {
            const before = result.before[m] as number;
            const after = result.after[m] as number;
            const change = metricChange(m, before, after);
            return (
              <tr key={m}>
                <th scope="row">{METRICS[m].label}</th>
                <td>{formatMetric(m, before)}</td>
                <td>{formatMetric(m, after)}</td>
                <td className={changeClass(change)}>{change.text}</td>
              </tr>
            );
          })}
        </DataTable>
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
