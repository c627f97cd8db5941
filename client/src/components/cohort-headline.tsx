import type { HeadlineValue } from '../../../shared/views/cohort-overview';
import { formatMetric } from '../lib/format';
import { metricLabel } from '../lib/scenario-model';

/** A table's headline metrics in one compact list: value, and ✓ / ✗ against its objective. */
export function CohortHeadline({ values }: { values: HeadlineValue[] }) {
  if (values.length === 0) return null;
  return (
    <dl className="cohort-headline">
      {values.map((h) => (
        <div key={h.metric} className={h.onTarget === null ? '' : h.onTarget ? 'is-ok' : 'is-bad'}>
          <dt>{metricLabel(h.metric)}</dt>
          <dd>
            {formatMetric(h.metric, h.value)}
            {h.onTarget !== null && (
              <span className="cohort-mark">
                {' '}
                <span aria-hidden="true">{h.onTarget ? '✓' : '✗'}</span>
                <span className="visually-hidden">{h.onTarget ? 'on target' : 'off target'}</span>
              </span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
