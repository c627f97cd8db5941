import type { Score } from '../../../shared/session/state';
import { DataTable } from './data-table';

/** The rubric: each dimension's weight, score and what it was measured from. */
export function ScoreTable({ score }: { score: Score }) {
  return (
    <DataTable
      caption="Rubric scores"
      columns={['Dimension', 'Weight', 'Score', 'Measured from']}
      footer={
        <tr>
          <th scope="row">Total</th>
          <td>100 %</td>
          <td>
            <strong>{Math.round(score.total)} / 100</strong>
          </td>
          <td />
        </tr>
      }
    >
      {score.dimensions.map((d) => (
        <tr key={d.dimensionId}>
          <th scope="row">{d.title}</th>
          <td>{d.weight} %</td>
          <td>
            {d.score === null ? (
              'not assessed'
            ) : (
              <>
                {Math.round(d.score)} / 100
                <div className="score-bar" aria-hidden="true">
                  <span style={{ width: `${Math.max(0, Math.min(100, d.score))}%` }} />
                </div>
              </>
            )}
          </td>
          <td>
            {d.objectivesTotal > 0
              ? `${Number(d.objectivesMet.toFixed(1))} of ${d.objectivesTotal} objectives met`
              : 'no objectives'}
            {d.ratedObjectives
              ? ` (${d.ratedObjectives} rated by evaluators, counted by their mean rating)`
              : ''}
            {d.evaluatorRatings > 0
              ? `; ${d.evaluatorRatings} evaluator rating${d.evaluatorRatings === 1 ? '' : 's'}, mean ${d.evaluatorMean?.toFixed(1)}`
              : ''}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
