import type { ObservationTarget } from '../../../shared/session/commands';
import type { Observation } from '../../../shared/session/state';
import type { PublicScenario } from '../../../shared/views/view';
import { DataTable } from './data-table';

export function observationTargetTitle(scenario: PublicScenario, target: ObservationTarget): string {
  if (target.kind === 'objective') {
    return `Objective: ${scenario.objectives.find((o) => o.id === target.id)?.title ?? target.id}`;
  }
  return `Rubric: ${scenario.scoring.rubric.find((d) => d.id === target.id)?.title ?? target.id}`;
}

/** Evaluator observations (HSEEP-style ratings), for the facilitator and the evaluators only. */
export function ObservationList({
  observations,
  scenario,
}: {
  observations: Observation[];
  scenario: PublicScenario;
}) {
  if (observations.length === 0) return <p className="muted">No observations recorded.</p>;
  return (
    <DataTable caption="Evaluator observations" columns={['Round', 'On', 'Rating', 'Note']}>
      {observations.map((o) => (
        <tr key={o.id}>
          <td>{o.round}</td>
          <td>{observationTargetTitle(scenario, o.target)}</td>
          <td>{o.rating} / 5</td>
          <td>{o.note || '—'}</td>
        </tr>
      ))}
    </DataTable>
  );
}
