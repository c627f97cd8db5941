import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actionPrice } from '../../client/src/lib/action-price';
import { formatActionCost, formatDelta } from '../../client/src/lib/format';
import { parseScenario } from '../../shared/scenario/parse';
import { publicScenario } from '../../shared/views/public';

describe('an action price as players read it', () => {
  it('states the one-off and monthly price', () => {
    expect(formatActionCost({ capexUsd: 750_000, opexUsdPerMonth: 40_000 })).toBe(
      '$750K one-off, $40K/month',
    );
  });

  it('adds the monthly cost of the added capacity, in money, so "$0/month" does not read as free', () => {
    expect(formatActionCost({ capexUsd: 0, opexUsdPerMonth: 0 }, 600_000)).toBe(
      'nothing one-off, $600K/month ($600K/month for the added capacity)',
    );
    expect(formatActionCost({ capexUsd: 250_000, opexUsdPerMonth: 40_000 }, 600_000)).toBe(
      '$250K one-off, $640K/month ($40K running cost + $600K/month for the added capacity)',
    );
  });

  it('an action without cost says so in words', () => {
    expect(formatActionCost({ capexUsd: 0, opexUsdPerMonth: 0 })).toBe('nothing one-off, nothing monthly');
  });
});

describe('the price of a proposal from the scenario', () => {
  const parsed = parseScenario(readFileSync('scenarios/socialwave-first-30-days.yaml', 'utf8'), 'short.yaml');
  if (!parsed.ok) throw new Error('the short scenario does not parse');
  const scenario = publicScenario(parsed.scenario);
  const cdn = scenario.actions.find((a) => a.id === 'cdn-burst-capacity');

  it('prices reserved CDN capacity per month from the unit price, never naming the constant', () => {
    // 2,000 Gbit/s at the default $150 per Gbit/s-month is $300K a month.
    const text = actionPrice(scenario, cdn, { gbps: 2000 }, { capexUsd: 0, opexUsdPerMonth: 0 });
    expect(text).toBe('nothing one-off, $300K/month ($300K/month for the added capacity)');
    expect(text).not.toContain('constants.');
  });

  it('follows the chosen parameter', () => {
    expect(actionPrice(scenario, cdn, { gbps: 4000 }, { capexUsd: 0, opexUsdPerMonth: 0 })).toContain(
      '$600K/month',
    );
  });
});

describe('a change of a metric as players read it', () => {
  it('signs a change, and calls one too small to show none rather than "+0"', () => {
    expect(formatDelta('user-trust', 4)).toMatch(/^\+4\b/);
    expect(formatDelta('user-trust', -3)).toMatch(/^−3\b/);
    expect(formatDelta('user-trust', 0.2)).toBe('±0');
    expect(formatDelta('user-trust', -0.3)).toBe('±0');
    expect(formatDelta('user-trust', 0)).toBe('±0');
  });
});
