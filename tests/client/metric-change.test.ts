import { describe, expect, it } from 'vitest';
import { changeClass, metricChange } from '../../client/src/lib/metric-change';

describe('how a metric change is worded (round summary, projection table, tiles)', () => {
  it('calls a change that rounds away at the metric precision "no change", never "−0 (▼ worse)"', () => {
    for (const [from, to] of [
      [62.1, 61.9],
      [62.1, 62.3],
      [48, 48],
    ] as const) {
      const change = metricChange('morale', from, to);
      expect(change).toEqual({ sign: 0, amount: undefined, verdict: 'same', text: 'no change' });
      expect(changeClass(change)).toBeUndefined();
    }
  });

  it('gives the signed amount and whether it is better or worse for that metric', () => {
    expect(metricChange('morale', 60, 62).text).toBe('+2 / 100 (▲ better)');
    expect(metricChange('availability', 0.9995, 0.999).text).toBe('−0.05 % (▼ worse)');
    const bill = metricChange('monthly-infra-cost-usd', 50e6, 51.2e6);
    expect(bill).toMatchObject({ sign: 1, amount: '+$1.2M/mo', verdict: 'worse' });
    expect(changeClass(bill)).toBe('delta-worse');
    expect(metricChange('p95-latency-ms', 1800, 900)).toMatchObject({ sign: -1, verdict: 'better' });
  });

  it('calls a change of a ten-thousandth of the value "no change" even when its digits would show', () => {
    expect(metricChange('daily-active-users', 48_900_000, 48_900_078).text).toBe('no change');
    expect(metricChange('daily-active-users', 48_900_000, 48_800_000).text).toBe('−100K (▼ worse)');
  });

  it('treats a missing figure as no change rather than inventing one', () => {
    expect(metricChange('cash-usd', Number.NaN, 1e6).text).toBe('no change');
  });
});
