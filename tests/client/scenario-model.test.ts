import { describe, expect, it } from 'vitest';
import { metricEffectText } from '../../client/src/lib/effect-text';
import { formatMetric } from '../../client/src/lib/format';
import { metricChange } from '../../client/src/lib/metric-change';
import { at, metricLabel, setScenarioModel, span } from '../../client/src/lib/scenario-model';
import type { PublicScenario } from '../../shared/views/view';

const definition = (id: string, label: string, format: string, unit = '', extra = {}) => ({
  id,
  label,
  unit,
  format,
  decimals: 0,
  start: 0,
  min: 0,
  max: 100,
  better: 'lower',
  dynamics: [],
  description: '',
  ...extra,
});

/** A scenario of its own: hours, and metrics of every format. */
const scenario = {
  model: { infrastructure: false },
  rounds: { count: 3, daysPerRound: 4, unit: 'hours' },
  metrics: [
    definition('patients-diverted', 'Patients diverted', 'count', 'patients', { max: 100000 }),
    definition('systems-down', 'Clinical systems down', 'percent', '', { max: 1 }),
    definition('exposure', 'Regulatory exposure', 'usd', '', { max: 1e9 }),
    definition('safety', 'Clinical safety', 'score', '/ 100', { better: 'higher' }),
    definition('on-paper', 'Time on paper', 'duration', 'hours', { max: 1000 }),
  ],
} as unknown as PublicScenario;

describe('the client reads a scenario-defined model through one metric interface', () => {
  setScenarioModel(scenario);

  it('labels and formats each format the scenario may declare', () => {
    expect(metricLabel('patients-diverted')).toBe('Patients diverted');
    expect(formatMetric('patients-diverted', 12400)).toBe('12,400 patients');
    expect(formatMetric('systems-down', 0.25)).toBe('25%');
    expect(formatMetric('exposure', 1_200_000)).toBe('$1.2M');
    expect(formatMetric('safety', 62)).toBe('62 / 100');
    expect(formatMetric('on-paper', 3.5)).toBe('3 h 30 min');
  });

  it("words a change by the metric's own direction, a score change in points", () => {
    expect(metricChange('safety', 60, 68).text).toBe('+8 (▲ better)');
    expect(metricChange('patients-diverted', 10, 30).text).toBe('+20 patients (▼ worse)');
  });

  it("counts time in the scenario's unit", () => {
    expect(at(8)).toBe('hour 8');
    expect(span(2)).toBe('2 hours');
  });

  it('shows an uncertain metric effect as what it is, with its lead time and duration', () => {
    expect(
      metricEffectText({
        type: 'metric',
        metric: 'patients-diverted',
        op: 'add',
        value: { dice: '2d6', times: 10 },
        after: 2,
        for: 8,
      }),
    ).toBe('Patients diverted +2d6 x 10 (rolled when it lands), after 2 hours, for 8 hours');
    expect(
      metricEffectText({ type: 'metric', metric: 'safety', op: 'add', value: { between: [-8, -3] } }),
    ).toBe('Clinical safety −8 to −3 (drawn when it lands)');
  });
});
