import { roundMovements } from '../../../shared/session/round-explanation';
import type { RoundResult } from '../../../shared/session/state';
import type { MetricName } from '../../../shared/sim/metrics';
import type { InjectCard, PublicScenario } from '../../../shared/views/view';
import { scenarioMetrics, VITAL_SIGNS } from '../lib/dashboard';
import { formatMetric } from '../lib/format';
import { keyed } from '../lib/keyed';
import { actionTitle, roleName } from '../lib/labels';
import { changeClass, metricChange } from '../lib/metric-change';
import { metricLabel, unitWord } from '../lib/scenario-model';

/**
 * One resolution: the decisions applied, how the key metrics moved, and why: each movement with
 * the decisions that act on it (shared/session/round-explanation.ts) or, when none does, the
 * round's injects; the simulation's own notes follow, folded.
 */
export function RoundSummary({
  result,
  scenario,
  injects = [],
  maxExplanations,
}: {
  result: RoundResult;
  scenario: PublicScenario;
  /** The injects this viewer received, to name the round's. */
  injects?: readonly Pick<InjectCard, 'id' | 'title'>[];
  /** The projector shows the headline movements only; the debrief shows them all. */
  maxExplanations?: number;
}) {
  const movements = roundMovements(
    result,
    scenario.actions,
    scenarioMetrics(scenario, VITAL_SIGNS) as MetricName[],
  ).slice(0, maxExplanations);
  const explanations = result.explanations;
  const roundInjects = result.injects
    .map((id) => injects.find((i) => i.id === id)?.title)
    .filter((title): title is string => title !== undefined);
  const situation =
    roundInjects.length > 0
      ? "no decision this round acts on it: the situation and this round's events"
      : 'no decision this round acts on it: the situation moved it';
  return (
    <div className="round-summary">
      <p className="muted">
        Simulated {unitWord()} {result.fromDay} to {result.toDay}
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
      {movements.length > 0 && (
        <>
          <h3>Why the numbers moved</h3>
          <ul className="movements">
            {movements.map((m) => {
              const change = metricChange(m.metric, m.before, m.after);
              return (
                <li key={m.metric}>
                  <strong>{metricLabel(m.metric)}</strong> {formatMetric(m.metric, m.before)} →{' '}
                  {formatMetric(m.metric, m.after)}{' '}
                  <span className={changeClass(change)}>({change.text})</span>:{' '}
                  {m.actionIds.length > 0
                    ? `moved by ${m.actionIds.map((id) => actionTitle(scenario, id)).join(', ')}`
                    : situation}
                </li>
              );
            })}
          </ul>
          {roundInjects.length > 0 && <p>This round's events: {roundInjects.join('; ')}.</p>}
        </>
      )}
      {explanations.length > 0 && maxExplanations === undefined && (
        <details>
          <summary>What the simulation recorded</summary>
          <ul>
            {keyed(explanations, (text) => text).map(({ key, item }) => (
              <li key={key}>{item}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
