import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { parseScenario } from '../../../shared/scenario/parse';
import { metricObjectives } from '../../../shared/scenario/scenario-time';
import { PHASES, type Scenario } from '../../../shared/scenario/schema';
import type { EffectType } from '../../../shared/sim/effects';
import type { MetricName } from '../../../shared/sim/metrics';

/**
 * The shipped scenarios are content, and this test is what keeps them faithful to the case study
 * (shared/case, "The Hypergrowth Infrastructure Crisis"): every figure the case gives sits in a
 * specific field of the flagship, the catalog and the MSEL are as broad as issue 4 asks, and both
 * files load without a single problem.
 */

const FLAGSHIP = 'scenarios/socialwave-hypergrowth.yaml';
const FIRST_30_DAYS = 'scenarios/socialwave-first-30-days.yaml';

function read(file: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../${file}`, import.meta.url)), 'utf8');
}

function load(file: string): Scenario {
  const result = parseScenario(read(file), file);
  if (!result.ok) {
    const report = result.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.path}: ${p.message}`);
    throw new Error(`${file} does not validate:\n${report.join('\n')}`);
  }
  return result.scenario;
}

const flagship = load(FLAGSHIP);
const short = load(FIRST_30_DAYS);

function objectiveOn(scenario: Scenario, metric: MetricName, byDay: number) {
  const found = metricObjectives(scenario.objectives).filter(
    (o) => o.test.metric === metric && o.byDay === byDay,
  );
  expect(found, `an objective on ${metric} by day ${byDay}`).toHaveLength(1);
  return found[0]!;
}

function inject(scenario: Scenario, id: string) {
  const found = scenario.injects.find((i) => i.id === id);
  if (!found) throw new Error(`no inject "${id}" in ${scenario.id}`);
  return found;
}

const phaseTotal = (scenario: Scenario) =>
  PHASES.reduce((sum, phase) => sum + scenario.rounds.phaseSeconds[phase], 0);

describe('the shipped scenarios', () => {
  it.each([FLAGSHIP, FIRST_30_DAYS])('%s validates with no problems', (file) => {
    const result = parseScenario(read(file), file);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('point editors at the generated JSON Schema on their first line', () => {
    for (const file of [FLAGSHIP, FIRST_30_DAYS]) {
      expect(read(file).split('\n')[0]).toBe('# yaml-language-server: $schema=./scenario.schema.json');
    }
  });
});

describe('the flagship carries every number of the case study', () => {
  const sim = flagship.simulation;

  it('2M to 100M users in 6 months, 2M of them concurrent', () => {
    expect(sim.traffic.registeredUsers).toBe(100_000_000);
    expect(sim.traffic.growthHistory.registeredUsersBefore).toBe(2_000_000);
    expect(sim.traffic.growthHistory.monthsAgo).toBe(6);
    expect(sim.traffic.peakConcurrentUsers).toBe(2_000_000);
  });

  it('the goal of 500M users within 12 months, across 50+ countries', () => {
    expect(sim.traffic.growthTarget.registeredUsers).toBe(500_000_000);
    expect(sim.traffic.growthTarget.withinMonths).toBe(12);
    expect(sim.traffic.countries).toBeGreaterThanOrEqual(50);
  });

  it('a single PostgreSQL primary at 10x its designed capacity', () => {
    expect(sim.database.primaryLoadVsDesign).toBe(10);
    expect(sim.database.shards).toBe(1);
    expect(sim.database.readReplicas).toBe(0);
  });

  it('50 application servers designed for 100K concurrent users, scaled by hand', () => {
    expect(sim.app.servers).toBe(50);
    expect(sim.app.designConcurrentUsers).toBe(100_000);
    expect(sim.app.autoscaling.enabled).toBe(false);
  });

  it('a CDN under 100x traffic and content growing 500 GB a day', () => {
    expect(sim.cdn.trafficVsDesign).toBe(100);
    expect(sim.cdn.providers).toBe(1);
    expect(sim.storage.dailyGrowthGb).toBe(500);
  });

  it('$50M a month (was $2M), a $100M emergency budget, $30M a month maximum, 8 months of runway', () => {
    expect(sim.money.monthlyInfraCostUsd).toBe(50_000_000);
    expect(sim.money.monthlyInfraCostBeforeUsd).toBe(2_000_000);
    expect(sim.money.emergencyBudgetUsd).toBe(100_000_000);
    expect(sim.money.targetMonthlyInfraCostUsd).toBe(30_000_000);
    expect(sim.money.runwayMonths).toBe(8);
  });

  it('ARPU of $0.50 against the $2.00 needed', () => {
    expect(sim.money.arpuUsd).toBe(0.5);
    expect(sim.money.targetArpuUsd).toBe(2);
  });

  it('25 engineers (was 8), mostly junior, on 80+ hour weeks for 4 months', () => {
    const { junior, mid, senior } = sim.people.engineers;
    expect(junior + mid + senior).toBe(25);
    expect(junior).toBeGreaterThan((junior + mid + senior) / 2);
    expect(sim.people.engineersBefore).toBe(8);
    expect(sim.people.weeklyHours).toBeGreaterThanOrEqual(80);
    // 4 months of weeks: 52 / 12 weeks a month.
    expect(Math.round(sim.people.weeksAtCurrentHours / (52 / 12))).toBe(4);
  });

  it('99.9% availability within 30 days', () => {
    const objective = objectiveOn(flagship, 'availability', 30);
    expect(objective.test).toMatchObject({ comparison: '>=', threshold: 0.999 });
  });

  it('sub-2-second content loading within 60 days', () => {
    const objective = objectiveOn(flagship, 'p95-latency-ms', 60);
    expect(objective.test).toMatchObject({ comparison: '<', threshold: 2000 });
  });

  it('$30M a month within 90 days', () => {
    const objective = objectiveOn(flagship, 'monthly-infra-cost-usd', 90);
    expect(objective.test).toMatchObject({ comparison: '<=', threshold: 30_000_000 });
  });

  it('operational maturity within 90 days, measured by repair time (issue 12: on-call load was met by doing nothing)', () => {
    const objective = objectiveOn(flagship, 'mttr-minutes', 90);
    expect(objective.test).toMatchObject({ comparison: '<=', threshold: 120 });
  });

  it('500M users within 12 months, tested as database headroom at day 90', () => {
    const objective = objectiveOn(flagship, 'scale-headroom', 90);
    expect(objective.test).toMatchObject({ comparison: '>=', threshold: 1 });
  });

  it('90 days of rounds with checkpoints at the 30/60/90-day deliverables', () => {
    expect(flagship.rounds.count * flagship.rounds.daysPerRound).toBe(90);
    expect(flagship.checkpoints.map((c) => c.day)).toEqual([30, 60, 90]);
  });

  it('states every case figure itself rather than inheriting the core defaults', () => {
    const raw = YAML.parse(read(FLAGSHIP)) as { simulation: Record<string, unknown> };
    const stated = [
      'traffic.registeredUsers',
      'traffic.growthHistory.registeredUsersBefore',
      'traffic.growthHistory.monthsAgo',
      'traffic.peakConcurrentUsers',
      'traffic.growthTarget.registeredUsers',
      'traffic.growthTarget.withinMonths',
      'traffic.countries',
      'database.primaryLoadVsDesign',
      'app.servers',
      'app.designConcurrentUsers',
      'cdn.trafficVsDesign',
      'storage.dailyGrowthGb',
      'money.monthlyInfraCostUsd',
      'money.monthlyInfraCostBeforeUsd',
      'money.emergencyBudgetUsd',
      'money.targetMonthlyInfraCostUsd',
      'money.runwayMonths',
      'money.arpuUsd',
      'money.targetArpuUsd',
      'people.engineers.junior',
      'people.engineers.mid',
      'people.engineers.senior',
      'people.engineersBefore',
      'people.weeklyHours',
      'people.weeksAtCurrentHours',
    ];
    const missing = stated.filter((path) => {
      const value = path
        .split('.')
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], raw.simulation);
      return typeof value !== 'number';
    });
    expect(missing).toEqual([]);
  });

  it("ends on the case's five failure consequences", () => {
    expect(flagship.endStates.map((e) => e.id).sort()).toEqual(
      ['forced-acquisition', 'funding-failure', 'regulatory-action', 'talent-drain', 'user-exodus'].sort(),
    );
  });

  it("scores with the case's assessment weights", () => {
    const weights = Object.fromEntries(flagship.scoring.rubric.map((d) => [d.id, d.weight]));
    expect(weights).toEqual({
      'crisis-leadership': 30,
      'strategic-thinking': 25,
      'stakeholder-management': 25,
      implementation: 20,
    });
    for (const dimension of flagship.scoring.rubric) expect(dimension.objectives.length).toBeGreaterThan(0);
  });
});

describe('the flagship is as broad as the exercise needs', () => {
  const required = flagship.roles.filter((r) => r.required).map((r) => r.id);

  it('has the four required roles and the optional ones', () => {
    expect(required).toEqual(['head-of-infra', 'cfo', 'product-lead', 'investor']);
    const optional = flagship.roles.filter((r) => !r.required).map((r) => r.id);
    expect(optional).toEqual(['legal-trust', 'people-lead']);
    for (const role of flagship.roles) expect(role.secretObjectives.length).toBeGreaterThanOrEqual(2);
  });

  it('has at least 25 actions, spread over the roles', () => {
    expect(flagship.actions.length).toBeGreaterThanOrEqual(25);
    const proposable = (role: string) =>
      flagship.actions.filter((a) => (a.proposers ?? []).includes(role) || a.proposers === undefined).length;
    for (const role of required)
      expect(proposable(role), `actions ${role} may propose`).toBeGreaterThanOrEqual(2);
  });

  it('puts spend above $5M before the CFO and finance and funding moves before the Investor', () => {
    expect(flagship.decisionDefaults.approvals).toEqual([{ role: 'cfo', whenSpendAboveUsd: 5_000_000 }]);
    const moneyMoves = flagship.actions.filter((a) => a.category === 'finance' || a.category === 'funding');
    expect(moneyMoves.length).toBeGreaterThanOrEqual(4);
    for (const action of moneyMoves) expect(action.decision?.vetoes, action.id).toContain('investor');
    const bets = flagship.actions.filter((a) => a.category === 'architecture');
    expect(bets.map((a) => a.id).sort()).toEqual(['monolith-extraction', 'sharding']);
    for (const action of bets) expect(action.decision?.vote, action.id).toBeDefined();
  });

  it('has at least 30 injects, each with expected actions and discussion questions', () => {
    expect(flagship.injects.length).toBeGreaterThanOrEqual(30);
    for (const i of flagship.injects) {
      expect(i.expectedActions.length, i.id).toBeGreaterThan(0);
      expect(i.discussionQuestions.length, i.id).toBeGreaterThan(0);
      expect(i.objectives.length, i.id).toBeGreaterThan(0);
    }
  });

  // Each pressure the issue names, the inject that applies it, and the effect that makes it bite
  // in the simulation (undefined where the pressure is information for the players to act on).
  const pressures: Record<string, [string, EffectType | undefined][]> = {
    technical: [
      ['database-saturation', 'outage'],
      ['cdn-failure', 'outage'],
      ['viral-spike', 'traffic-spike'],
      ['storage-bill', 'cost-shock'],
      ['security-breach', 'breach'],
    ],
    financial: [
      ['burn-review', undefined],
      ['series-c-conditions', undefined],
      ['budget-overrun', undefined],
    ],
    organizational: [
      ['burnout-warning', 'morale'],
      ['senior-engineer-resigns', 'engineer-leaves'],
      ['hiring-fails', 'morale'],
      ['decision-paralysis', 'morale'],
    ],
    regulatory: [
      ['gdpr-inquiry', 'regulator-deadline'],
      ['content-moderation-mandate', 'regulator-deadline'],
      ['payment-compliance', 'regulator-deadline'],
    ],
    competitive: [
      ['instagram-clone', 'competitor-launch'],
      ['snapchat-clone', 'competitor-launch'],
    ],
    communication: [
      ['press-outage-story', 'communication'],
      ['user-outrage', 'communication'],
      ['board-review-30', undefined],
    ],
  };

  it.each(Object.entries(pressures))('applies %s pressure', (_kind, injects) => {
    for (const [id, effect] of injects) {
      const found = inject(flagship, id);
      if (effect)
        expect(
          found.effects.map((e) => e.type),
          id,
        ).toContain(effect);
    }
  });

  it('names the regimes and the competitors the case names', () => {
    const regimes = flagship.injects.flatMap((i) =>
      i.effects.flatMap((e) => (e.type === 'regulator-deadline' ? [e.regime] : [])),
    );
    expect(new Set(regimes)).toEqual(new Set(['gdpr', 'ccpa', 'content-moderation', 'payments']));
    expect(inject(flagship, 'instagram-clone').subject).toMatch(/Instagram/);
    expect(inject(flagship, 'snapchat-clone').subject).toMatch(/Snapchat/);
  });

  it('mixes scheduled, day, condition and manual triggers, and some private audiences', () => {
    const byType = (type: string) => flagship.injects.filter((i) => i.trigger.type === type).length;
    expect(byType('scheduled')).toBeGreaterThanOrEqual(10);
    expect(byType('day')).toBeGreaterThanOrEqual(5);
    expect(byType('condition')).toBeGreaterThanOrEqual(3);
    const manual = flagship.injects.filter((i) => i.trigger.type === 'manual');
    expect(manual.length).toBeGreaterThanOrEqual(2);
    for (const i of manual) expect(i.contingency, i.id).toBe(true);
    const privateOnes = flagship.injects.filter((i) => i.audience !== 'all');
    expect(privateOnes.length).toBeGreaterThanOrEqual(6);
    // A private inject must reach a required role, or it may reach nobody at all.
    for (const i of privateOnes) {
      expect(
        (i.audience as string[]).some((r) => required.includes(r)),
        i.id,
      ).toBe(true);
    }
  });

  it('paces a round at about 15 minutes and the whole exercise at 2-3 hours', () => {
    expect(phaseTotal(flagship)).toBeGreaterThanOrEqual(14 * 60);
    expect(phaseTotal(flagship)).toBeLessThanOrEqual(16 * 60);
    const roundsMinutes = (flagship.rounds.count * phaseTotal(flagship)) / 60;
    expect(flagship.durationMinutes).toBeGreaterThan(roundsMinutes);
    expect(flagship.durationMinutes).toBeGreaterThanOrEqual(120);
    expect(flagship.durationMinutes).toBeLessThanOrEqual(180);
  });
});

describe('the first-30-days scenario fits a class period', () => {
  it('has 3 rounds that fit in 45 minutes with time for a briefing and a hot wash', () => {
    expect(short.rounds.count).toBe(3);
    expect(short.rounds.count * short.rounds.daysPerRound).toBe(30);
    expect(short.durationMinutes).toBe(45);
    expect((short.rounds.count * phaseTotal(short)) / 60).toBeLessThanOrEqual(short.durationMinutes - 10);
  });

  it('casts the four required roles with a smaller catalog', () => {
    expect(short.roles.map((r) => r.id)).toEqual(['head-of-infra', 'cfo', 'product-lead', 'investor']);
    expect(short.actions.length).toBeGreaterThanOrEqual(10);
    // Small enough for a 45-minute class: at most half of the flagship's catalog, ids shared with it.
    expect(short.actions.length).toBeLessThanOrEqual(flagship.actions.length / 2);
  });

  it('has its own injects, not copies of the flagship', () => {
    expect(short.injects.length).toBeGreaterThanOrEqual(8);
    const flagshipIds = new Set(flagship.injects.map((i) => i.id));
    const flagshipSubjects = new Set(flagship.injects.map((i) => i.subject));
    for (const i of short.injects) {
      expect(flagshipIds.has(i.id), i.id).toBe(false);
      expect(flagshipSubjects.has(i.subject), i.id).toBe(false);
    }
  });

  it('starts from the same case position and keeps the day-30 availability target', () => {
    expect(short.simulation.traffic.registeredUsers).toBe(100_000_000);
    expect(short.simulation.money.monthlyInfraCostUsd).toBe(50_000_000);
    expect(objectiveOn(short, 'availability', 30).test).toMatchObject({ comparison: '>=', threshold: 0.999 });
  });
});
