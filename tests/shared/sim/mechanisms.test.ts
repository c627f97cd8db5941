import { describe, expect, it } from 'vitest';
import {
  createInitialState,
  type DayOutcome,
  type Effect,
  evaluateCondition,
  metricValue,
  type Project,
  run,
  type SimState,
  simSetupSchema,
  step,
} from '../../../shared/sim';
import { mttrMinutes } from '../../../shared/sim/incidents';
import { REPORTED_UTILIZATION_CEILING } from '../../../shared/sim/tiers';
import { balanced, inputsFor } from './plans';

const setup = simSetupSchema.parse({});
const start = () => createInitialState(setup, 1);
const last = (s: SimState): DayOutcome => s.history[s.history.length - 1]!;
const once = (s: SimState, ...effects: Effect[]) => step(s, { effects });
/** A calm platform: the balanced plan after 60 days. */
const calm = () => run(start(), 60, inputsFor(balanced));

describe('tiers', () => {
  it('a tier out of service reports utilization at the ceiling, not load over zero capacity', () => {
    // One CDN provider: a day-long outage leaves no capacity at all.
    const down = last(once(start(), { type: 'outage', target: 'cdn', hours: 24 }));
    expect(down.utilization.cdn).toBe(REPORTED_UTILIZATION_CEILING);
    expect(down.downtimeByCause['overload-cdn']).toBeGreaterThan(600);
    // Two providers (the balanced plan's multi-CDN): the same outage leaves the other one serving.
    const redundant = last(once(calm(), { type: 'outage', target: 'cdn', hours: 24 }));
    expect(redundant.utilization.cdn).toBeLessThan(REPORTED_UTILIZATION_CEILING);
  });

  it('a cache outage sends reads to the database: the thundering herd overloads it', () => {
    // A bigger primary and an autoscaled fleet: the database has headroom while the cache works.
    const base = once(
      start(),
      { type: 'capacity', target: 'db-primary-size', delta: 1 },
      { type: 'autoscaling', enabled: true, minServers: 50, maxServers: 2_000 },
    );
    const normal = once(base);
    const herd = once(base, { type: 'outage', target: 'cache', hours: 3 });
    expect(last(normal).utilization.dbPrimary).toBeLessThan(0.7);
    expect(last(normal).downtimeByCause['overload-database']).toBeLessThan(0.01);
    expect(last(herd).utilization.dbPrimary).toBeGreaterThan(1);
    expect(last(herd).downtimeByCause['overload-database']).toBeGreaterThan(30);
  });

  it('a connection pooler raises database headroom and cuts connection latency', () => {
    const base = run(start(), 3);
    const pooled = run(
      once(start(), { type: 'start-project', project: 'connection-pooler', days: 1, incidentRiskPerDay: 0 }),
      2,
    );
    expect(pooled.database.connectionPooler).toBe(true);
    expect(last(pooled).utilization.dbPrimary).toBeLessThan(last(base).utilization.dbPrimary * 0.8);
    expect(last(pooled).metrics['p95-latency-ms']).toBeLessThan(last(base).metrics['p95-latency-ms']);
  });

  it('read replicas take the reads off the primary, but not its writes: more replicas do not move the wall', () => {
    const base = once(start());
    const s = once(start(), { type: 'capacity', target: 'db-replicas', delta: 4 });
    expect(last(s).utilization.dbPrimary).toBeLessThan(last(base).utilization.dbPrimary * 0.5);
    expect(last(s).utilization.dbReplicas).toBeGreaterThan(0);
    expect(last(s).replicaLagMs).toBeGreaterThan(0);
    // Writes and read-your-writes stay on the primary (issue 12): 15 replicas leave it where 4 did.
    const many = once(start(), { type: 'capacity', target: 'db-replicas', delta: 15 });
    expect(last(many).utilization.dbPrimary).toBeCloseTo(last(s).utilization.dbPrimary, 6);
    expect(last(many).utilization.dbPrimary).toBeGreaterThan(0.4);
  });

  it('autoscaling follows load to its target utilization, and the app fleet costs more', () => {
    const before = start();
    const after = once(before, { type: 'autoscaling', enabled: true, minServers: 50, maxServers: 2_000 });
    expect(last(after).appServers).toBeGreaterThan(50);
    expect(last(after).utilization.app).toBeLessThanOrEqual(0.6 + 1e-9);
    expect(last(after).downtimeByCause['overload-app']).toBe(0);
  });

  it('capacity is priced by unit: 500 more servers raise the compute bill', () => {
    const base = once(start());
    const more = once(start(), { type: 'capacity', target: 'app-servers', delta: 500 });
    const extra = last(more).costByCategory.compute - last(base).costByCategory.compute;
    // 500 servers x 64 vCPU x ~730 h x $0.048
    expect(extra).toBeGreaterThan(1_000_000);
    expect(extra).toBeLessThan(1_300_000);
  });

  it('a traffic spike raises utilization for its days, then passes', () => {
    const spiked = run(once(start(), { type: 'traffic-spike', multiplier: 2, days: 2 }), 2);
    const u = spiked.history.map((h) => h.utilization.app);
    expect(u[1]).toBeCloseTo(2 * u[0]!, 1);
    expect(u[3]).toBeLessThan(u[1]! * 0.6);
  });

  it('with a second CDN a provider outage costs a failover, not the outage', () => {
    const single = once(calm(), { type: 'outage', target: 'cdn', hours: 6 });
    const multiBase = calm();
    expect(multiBase.cdn.providers).toBe(2);
    const singleBase = {
      ...multiBase,
      cdn: { ...multiBase.cdn, providers: 1, capacityGbps: multiBase.cdn.capacityGbps / 2 },
    };
    const oneProvider = once(singleBase, { type: 'outage', target: 'cdn', hours: 6 });
    expect(last(oneProvider).metrics['downtime-minutes']).toBeGreaterThan(100);
    // The outage itself is a failover; what is left is the surviving provider running hot for six
    // hours (at day 60 the balanced plan's growth puts the pair at ~60%, one alone at ~120%).
    expect(last(single).downtimeByCause.outage).toBeLessThan(1);
    expect(last(single).metrics['downtime-minutes']).toBeLessThan(
      last(oneProvider).metrics['downtime-minutes'] * 0.15,
    );
  });
});

describe('operations and people', () => {
  it('MTTR falls with observability, on-call maturity and a staffed rotation', () => {
    const s = start();
    const before = mttrMinutes(s);
    const better = once(
      s,
      { type: 'raise-level', level: 'observability', delta: 60 },
      { type: 'raise-level', level: 'on-call-maturity', delta: 60 },
      { type: 'on-call-rotation', engineers: 10 },
    );
    expect(before).toBeGreaterThan(200);
    expect(mttrMinutes(better)).toBeLessThan(90);
  });

  it('a feature freeze cuts failed changes', () => {
    const sum = (s: SimState) => s.history.reduce((t, h) => t + h.downtimeByCause['change-failure'], 0);
    let free = 0;
    let frozen = 0;
    for (const seed of [1, 2, 3]) {
      free += sum(run(createInitialState(setup, seed), 30));
      frozen += sum(
        run(createInitialState(setup, seed), 30, (d) => ({
          effects: d === 1 ? [{ type: 'feature-freeze', days: 30 }] : [],
        })),
      );
    }
    expect(frozen).toBeLessThan(free * 0.3);
  });

  it('80-hour weeks wear morale down; sane hours and a rotation bring it back', () => {
    const worn = run(start(), 30);
    const rested = run(
      once(start(), { type: 'weekly-hours', hours: 45 }, { type: 'on-call-rotation', engineers: 10 }),
      29,
    );
    expect(last(worn).metrics.morale).toBeLessThan(25);
    expect(last(rested).metrics.morale).toBeGreaterThan(40);
  });

  it('hires land after their lead time; a key engineer leaving is immediate', () => {
    const s = run(once(start(), { type: 'hire', seniority: 'senior', count: 3, leadDays: 10 }), 11);
    expect(s.history[9]!.metrics.engineers).toBeLessThanOrEqual(25);
    expect(s.people.engineers.senior).toBeGreaterThanOrEqual(3);
    expect(s.history[11]!.events.map((e) => e.kind)).toContain('hire-landed');
    const left = once(start(), { type: 'engineer-leaves', seniority: 'senior', count: 2 });
    expect(left.people.engineers.senior).toBe(0);
  });

  it('projects land later when the team runs too many at once', () => {
    const project = (p: Project): Effect => ({
      type: 'start-project',
      project: p,
      days: 20,
      incidentRiskPerDay: 0,
    });
    const alone = run(once(start(), project('sharding')), 40);
    const crowded = run(
      once(
        start(),
        project('sharding'),
        project('multi-cdn'),
        project('observability-platform'),
        project('change-management'),
        project('monolith-extraction'),
      ),
      40,
    );
    const landedOn = (s: SimState) =>
      s.history.find((h) => h.events.some((e) => e.text.startsWith('Sharding landed')))?.day ?? 99;
    expect(landedOn(alone)).toBeLessThan(landedOn(crowded));
    // One sharding project splits the primary onto 32 hosts (Notion: 480 logical shards on 32 hosts).
    expect(alone.database.shards).toBe(32);
  });
});

describe('money and risk', () => {
  it('capex comes from the emergency budget first, then from cash', () => {
    const s = once(start(), {
      type: 'spend',
      category: 'compute',
      capexUsd: 120_000_000,
      opexUsdPerMonth: 0,
    });
    const money = last(s).money;
    expect(money.capexFromEmergencyUsd).toBe(100_000_000);
    expect(money.capexUsd).toBe(20_000_000);
    expect(last(s).metrics['emergency-budget-usd']).toBe(0);
  });

  it('committed spend bills the discount on the category', () => {
    const base = run(start(), 2);
    const committed = run(
      once(start(), { type: 'commit-spend', category: 'cdn', discount: 0.4, months: 12 }),
      1,
    );
    expect(last(committed).costByCategory.cdn).toBeCloseTo(last(base).costByCategory.cdn * 0.6, -4);
  });

  it('a missed regulator deadline brings a fine; a met one does not', () => {
    const deadline: Effect = {
      type: 'regulator-deadline',
      regime: 'gdpr',
      days: 5,
      requiredReadiness: 70,
      fineUsd: 20_000_000,
    };
    const missed = run(once(start(), deadline), 5);
    const met = run(once(start(), deadline, { type: 'compliance', regime: 'gdpr', delta: 40 }), 5);
    expect(missed.history[6]!.money.oneOffUsd).toBeGreaterThanOrEqual(20_000_000);
    expect(missed.history[6]!.events.map((e) => e.kind)).toContain('deadline-missed');
    expect(met.history[6]!.events.map((e) => e.kind)).toContain('deadline-met');
    expect(met.history[6]!.money.oneOffUsd).toBeLessThan(20_000_000);
  });

  it('a breach costs trust and investor confidence, more the more severe it is (no silent clamp)', () => {
    const s = start();
    const minor = once(s, { type: 'breach', severity: 1 });
    const severe = once(s, { type: 'breach', severity: 3 });
    expect(minor.risk.userTrust).toBeLessThan(s.risk.userTrust - 3);
    expect(minor.risk.investorConfidence).toBeLessThan(s.risk.investorConfidence - 2);
    // The case's breach inject (severity 3) costs what the old clamped one never could.
    expect(severe.risk.userTrust).toBeLessThan(s.risk.userTrust - 10);
    expect(severe.risk.investorConfidence).toBeLessThan(s.risk.investorConfidence - 5);
    expect(s.risk.userTrust - severe.risk.userTrust).toBeGreaterThan(
      2 * (s.risk.userTrust - minor.risk.userTrust),
    );
  });

  it('slow pages and downtime drive churn, by driver', () => {
    const bad = last(once(start()));
    const good = last(calm());
    expect(bad.churnByDriver.latency).toBeGreaterThan(good.churnByDriver.latency);
    expect(bad.churnByDriver.downtime).toBeGreaterThan(good.churnByDriver.downtime);
    expect(bad.metrics['daily-churn-rate']).toBeCloseTo(
      bad.churnByDriver.natural +
        bad.churnByDriver.latency +
        bad.churnByDriver.downtime +
        bad.churnByDriver.trust,
      12,
    );
  });
});

describe('metricValue and evaluateCondition', () => {
  it('gives the latest day, or the mean over a window', () => {
    const s = run(start(), 10);
    const values = s.history.map((h) => h.metrics.availability);
    expect(metricValue(s, 'availability')).toBe(values[10]);
    expect(metricValue(s, 'availability', 3)).toBeCloseTo((values[8]! + values[9]! + values[10]!) / 3, 12);
    expect(metricValue(s, 'availability', 365)).toBeCloseTo(
      values.reduce((a, b) => a + b, 0) / values.length,
      12,
    );
  });

  it('tests structured conditions', () => {
    const s = run(start(), 5);
    const p95 = metricValue(s, 'p95-latency-ms');
    expect(evaluateCondition(s, { metric: 'p95-latency-ms', comparison: '>', threshold: p95 - 1 })).toBe(
      true,
    );
    expect(evaluateCondition(s, { metric: 'p95-latency-ms', comparison: '<', threshold: p95 - 1 })).toBe(
      false,
    );
    expect(
      evaluateCondition(s, { metric: 'availability', comparison: '<', threshold: 0.999, windowDays: 5 }),
    ).toBe(true);
  });
});
