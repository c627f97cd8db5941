import { describe, expect, it } from 'vitest';
import {
  createInitialState,
  type DayOutcome,
  type Effect,
  effectSchema,
  run,
  type SimState,
  simSetupSchema,
  step,
} from '../../../shared/sim';
import { runwayMonths } from '../../../shared/sim/day';

/** Issue 12, "Bugs": each test failed before its fix. */
const setup = simSetupSchema.parse({});
const start = () => createInitialState(setup, 1);
const last = (s: SimState): DayOutcome => s.history[s.history.length - 1]!;
const once = (s: SimState, ...effects: Effect[]) => step(s, { effects });
const parse = (e: unknown) => effectSchema.parse(e);

describe('runway', () => {
  it('is zero when the cash is gone, whatever the burn', () => {
    expect(runwayMonths(-89_000_000, -5_000_000)).toBe(0);
    expect(runwayMonths(0, -1)).toBe(0);
    expect(runwayMonths(-1, 10_000_000)).toBe(0);
  });
  it('is "enough" only with cash in the bank and revenue covering costs', () => {
    expect(runwayMonths(10_000_000, -5_000_000)).toBe(120);
  });
});

describe('breach severity', () => {
  it('a severity-3 breach costs three times a severity-1 breach (no silent clamp to 1)', () => {
    const s0 = start();
    const one = last(once(s0, { type: 'breach', severity: 1 }));
    const three = last(once(s0, { type: 'breach', severity: 3 }));
    const base = last(once(s0));
    const trustLoss = (o: DayOutcome) => base.metrics['user-trust'] - o.metrics['user-trust'];
    expect(trustLoss(three)).toBeGreaterThan(2.5 * trustLoss(one));
    expect(three.money.oneOffUsd).toBeCloseTo(3 * one.money.oneOffUsd, 0);
  });
  it('a breach lowers GDPR readiness (the regulator sees the controls failed)', () => {
    const s0 = start();
    const after = last(once(s0, { type: 'breach', severity: 2 }));
    expect(after.metrics['compliance-gdpr']).toBeLessThan(s0.risk.compliance.gdpr - 5);
  });
});

describe('conditional funding (the Series C)', () => {
  const seriesC = parse({
    type: 'funding',
    amountUsd: 200_000_000,
    conditions: [{ metric: 'investor-confidence', comparison: '>=', threshold: 55 }],
    investorConfidence: 15,
  });
  it('does not close when investors no longer believe', () => {
    const s0 = start(); // investor confidence 40
    const after = once(s0, seriesC);
    expect(last(after).money.fundingUsd).toBe(0);
    expect(last(after).events.some((e) => e.kind === 'funding-failed')).toBe(true);
    expect(after.risk.investorConfidence).toBeLessThan(s0.risk.investorConfidence);
  });
  it('closes when the conditions hold', () => {
    const s0 = start();
    // Conditions read the metrics as recorded: yesterday's outcome.
    const day0 = s0.history[0]!;
    const believing = {
      ...s0,
      history: [{ ...day0, metrics: { ...day0.metrics, 'investor-confidence': 70 } }],
    };
    const after = once(believing, seriesC);
    expect(last(after).money.fundingUsd).toBe(200_000_000);
  });
});

describe('hiring can fail', () => {
  it('cancel-hires drops the pending hires of that seniority', () => {
    const hired = once(
      start(),
      { type: 'hire', seniority: 'senior', count: 4, leadDays: 45 },
      { type: 'hire', seniority: 'mid', count: 6, leadDays: 10 },
    );
    const declined = run(once(hired, parse({ type: 'cancel-hires', seniority: 'senior' })), 50);
    expect(declined.people.engineers.senior).toBeLessThanOrEqual(start().people.engineers.senior);
    expect(declined.people.engineers.mid).toBeGreaterThanOrEqual(start().people.engineers.mid + 6 - 3);
  });
});

describe('a saturated database', () => {
  it('adds well over a second of p95 (connection waits, not a 40 ms cap)', () => {
    const s0 = start();
    // The same platform with the primary just under and well over saturation.
    const healthy = last(once(s0, { type: 'capacity', target: 'db-primary-size', delta: 2 }));
    const saturated = last(once(s0, { type: 'capacity', target: 'db-primary-size', delta: -2 }));
    expect(saturated.utilization.dbPrimary).toBeGreaterThan(1);
    expect(saturated.metrics['p95-latency-ms'] - healthy.metrics['p95-latency-ms']).toBeGreaterThan(1_000);
  });
});
