import { conditionSchema } from '../../../../shared/scenario/condition-schema';
import { conditionText } from '../../../../shared/scenario/condition-text';
import type { YamlPath } from '../../../../shared/scenario/yaml-edit';
import { COMPARISONS, METRIC_NAMES } from '../../../../shared/sim/metrics';
import { YamlField } from './yaml-field';

/**
 * A metric test (an objective's test, an end state's condition): metric, comparison, threshold and
 * an optional averaging window. The metrics offered are the scenario's own (issue 16), then the
 * infrastructure model's when it runs. A condition that is not one metric test (a decision, an
 * inject delivered, time, all / any / not) is shown in words, to be edited in the YAML beside.
 */
export function ConditionFields({
  legend,
  path,
  condition,
  metrics = [],
  infrastructure = true,
}: {
  legend: string;
  path: YamlPath;
  condition: unknown;
  /** The scenario's own metric ids. */
  metrics?: readonly string[];
  infrastructure?: boolean;
}) {
  const c = (condition && typeof condition === 'object' ? condition : {}) as Record<string, unknown>;
  if (condition !== undefined && !('metric' in c)) {
    const parsed = conditionSchema.safeParse(condition);
    return (
      <fieldset className="author-condition">
        <legend>{legend}</legend>
        <p>{parsed.success ? conditionText(parsed.data) : 'A condition the schema does not read yet.'}</p>
        <p className="muted">A condition on decisions, injects or time: edit it in the YAML.</p>
      </fieldset>
    );
  }
  const options = [...metrics, ...(infrastructure ? METRIC_NAMES : [])];
  const fields = [
    ['Metric', 'metric', 'select', options],
    ['Comparison', 'comparison', 'select', COMPARISONS],
    ['Threshold', 'threshold', 'number', undefined],
    ['Averaged over steps (optional)', 'windowDays', 'number', undefined],
  ] as const;
  return (
    <fieldset className="author-condition">
      <legend>{legend}</legend>
      {fields.map(([label, key, kind, choices]) => (
        <YamlField
          key={key}
          label={label}
          path={[...path, key]}
          value={c[key]}
          kind={kind}
          {...(choices ? { options: choices } : {})}
        />
      ))}
    </fieldset>
  );
}
