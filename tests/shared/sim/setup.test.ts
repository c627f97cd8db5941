import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { simSetupSchema } from '../../../shared/sim';

describe('simSetupSchema', () => {
  it('defaults to the SocialWave case', () => {
    const s = simSetupSchema.parse({});
    expect(s.traffic.registeredUsers).toBe(100_000_000);
    expect(s.traffic.growthHistory).toEqual({ registeredUsersBefore: 2_000_000, monthsAgo: 6 });
    expect(s.traffic.peakConcurrentUsers).toBe(2_000_000);
    expect(s.app.servers).toBe(50);
    expect(s.app.designConcurrentUsers).toBe(100_000);
    expect(s.database.primaryLoadVsDesign).toBe(10);
    expect(s.database.readReplicas).toBe(0);
    expect(s.cdn.trafficVsDesign).toBe(100);
    expect(s.storage.dailyGrowthGb).toBe(500);
    expect(s.money.monthlyInfraCostUsd).toBe(50_000_000);
    expect(s.money.monthlyInfraCostBeforeUsd).toBe(2_000_000);
    expect(s.money.emergencyBudgetUsd).toBe(100_000_000);
    expect(s.money.targetMonthlyInfraCostUsd).toBe(30_000_000);
    expect(s.money.runwayMonths).toBe(8);
    expect(s.money.arpuUsd).toBe(0.5);
    expect(s.money.targetArpuUsd).toBe(2);
    const e = s.people.engineers;
    expect(e.junior + e.mid + e.senior).toBe(25);
    expect(e.junior).toBeGreaterThan(e.mid + e.senior);
    expect(s.people.engineersBefore).toBe(8);
    expect(s.people.weeklyHours).toBe(80);
  });

  it('fills nested defaults around what a scenario sets', () => {
    const s = simSetupSchema.parse({
      app: { servers: 80, autoscaling: { enabled: true } },
      people: { engineers: { senior: 5 } },
    });
    expect(s.app.servers).toBe(80);
    expect(s.app.autoscaling).toMatchObject({ enabled: true, minServers: 50 });
    expect(s.people.engineers).toEqual({ junior: 17, mid: 6, senior: 5 });
  });

  it('rejects unknown fields, negative counts and region shares that do not sum to 1', () => {
    const paths = (input: unknown) =>
      simSetupSchema.safeParse(input).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ app: { serverz: 3 } })).toEqual(['app']);
    expect(paths({ cache: { nodes: -1 } })).toEqual(['cache.nodes']);
    expect(paths({ traffic: { regionMix: { europe: 0.9 } } })).toEqual(['traffic.regionMix']);
  });

  it('produces a JSON Schema with descriptions for editors', () => {
    const json = JSON.stringify(z.toJSONSchema(simSetupSchema, { io: 'input' }));
    expect(json).toContain('Registered users today');
    expect(json).toContain('"additionalProperties":false');
  });
});
