import { formatMetric } from '../lib/format';
import { changeClass, metricChange } from '../lib/metric-change';
import type { Projection } from '../lib/projection';
import { metricLabel } from '../lib/scenario-model';
import { DataTable } from './data-table';

/**
 * The projection's table, labelled as a projection everywhere it appears. On a phone it drops the
 * "without" column (styles.css, narrow screens) so that it fits the width.
 */
export function ProjectionTable({ projection }: { projection: Projection }) {
  return (
    <DataTable
      caption={`Projected impact, days ${projection.fromDay} to ${projection.toDay}`}
      className="projection-table"
      columns={['Metric', 'Without', 'With this action', 'Projected change']}
    >
      {projection.changes.map((c) => {
        const change = metricChange(c.metric, c.without, c.with);
        return (
          <tr key={c.metric}>
            <th scope="row">{metricLabel(c.metric)}</th>
            <td>{formatMetric(c.metric, c.without)}</td>
            <td>{formatMetric(c.metric, c.with)}</td>
            <td className={changeClass(change)}>{change.text}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}
