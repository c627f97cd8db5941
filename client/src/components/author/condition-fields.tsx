import type { YamlPath } from '../../../../shared/scenario/yaml-edit';
import { COMPARISONS, METRIC_NAMES } from '../../../../shared/sim/metrics';
import { YamlField } from './yaml-field';

const CONDITION_FIELDS = [
  ['Metric', 'metric', 'select', METRIC_NAMES],
  ['Comparison', 'comparison', 'select', COMPARISONS],
  ['Threshold', 'threshold', 'number', undefined],
  ['Averaged over days (optional)', 'windowDays', 'number', undefined],
] as const;

/**
 * A metric test (an objective's test, an end state's condition): metric, comparison, threshold and
 * an optional averaging window, as shared/sim/metrics.ts defines it.
 */
export function ConditionFields({
  legend,
  path,
  condition,
}: {
  legend: string;
  path: YamlPath;
  condition: unknown;
}) {
  const c = (condition && typeof condition === 'object' ? condition : {}) as Record<string, unknown>;
  return (
    <fieldset className="author-condition">
      <legend>{legend}</legend>
      {CONDITION_FIELDS.map(([label, key, kind, options]) => (
        <YamlField
          key={key}
          label={label}
          path={[...path, key]}
          value={c[key]}
          kind={kind}
          {...(options ? { options } : {})}
        />
      ))}
    </fieldset>
  );
}
