import { METRICS } from '../../../shared/sim/metrics';
import { formatDelta, formatMetric } from '../lib/format';
import { verdict } from '../lib/metric-direction';
import type { Projection } from '../lib/projection';

const VERDICT_TEXT = { better: '▲ better', worse: '▼ worse', same: 'no change' } as const;

/** The projection's table, labelled as a projection everywhere it appears. */
export function ProjectionTable({ projection }: { projection: Projection }) {
  return (
    <table>
      <caption className="visually-hidden">
        Projected impact, days {projection.fromDay} to {projection.toDay}
      </caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col">Without</th>
          <th scope="col">With this action</th>
          <th scope="col">Projected change</th>
        </tr>
      </thead>
      <tbody>
        {projection.changes.map((c) => {
          // A change too small to show at the metric's precision ("0 / 100") is no change to the reader.
          const invisible = formatMetric(c.metric, Math.abs(c.delta)) === formatMetric(c.metric, 0);
          const v = invisible ? 'same' : verdict(c.metric, c.delta, Math.abs(c.without) * 1e-4);
          return (
            <tr key={c.metric}>
              <th scope="row">{METRICS[c.metric].label}</th>
              <td>{formatMetric(c.metric, c.without)}</td>
              <td>{formatMetric(c.metric, c.with)}</td>
              <td className={v === 'same' ? '' : `delta-${v}`}>
                {v === 'same' ? VERDICT_TEXT.same : `${formatDelta(c.metric, c.delta)} (${VERDICT_TEXT[v]})`}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
