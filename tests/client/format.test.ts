import { describe, expect, it } from 'vitest';
import { formatActionCost } from '../../client/src/lib/format';

describe('an action price as players read it', () => {
  it('states the one-off and monthly price', () => {
    expect(
      formatActionCost({ capexUsd: 750_000, opexUsdPerMonth: 40_000 }, { effects: [{ type: 'arpu' }] }),
    ).toBe('$750K one-off, $40K/month');
  });

  it('says that added capacity is billed monthly on top, so "$0/month" does not read as free', () => {
    const text = formatActionCost({ capexUsd: 0, opexUsdPerMonth: 0 }, { effects: [{ type: 'capacity' }] });
    expect(text).toBe('$0 one-off, $0/month, plus the added capacity at its monthly unit cost');
  });

  it('falls back to the plain price when the action is unknown', () => {
    expect(formatActionCost({ capexUsd: 2_000_000, opexUsdPerMonth: 0 }, undefined)).toBe(
      '$2.0M one-off, $0/month',
    );
  });
});
