import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { balanceReportParallel } from '../../../server/game/balance/parallel';
import { type BalanceReport, balanceReport } from '../../../server/game/balance/report';
import { parseScenario } from '../../../shared/scenario';

/**
 * The balance report on worker threads is the report on one thread (issue 12): the games are cut
 * into tasks of a few seeds, played by two workers in whatever order they finish, and merged back
 * by policy and seed, so the JSON is the same, bar the elapsed time.
 */
const file = 'scenarios/socialwave-hypergrowth.yaml';
const parsed = parseScenario(readFileSync(file, 'utf8'), file);
if (!parsed.ok) throw new Error(`${file} does not parse`);
const scenario = parsed.scenario;
const json = (report: BalanceReport) => JSON.stringify({ ...report, elapsedMs: 0 }, null, 2);

describe('the balance report on worker threads', () => {
  it('gives the same JSON report as one thread, for 5 seeds of the flagship', {
    timeout: 180_000,
  }, async () => {
    const single = balanceReport(scenario, 5);
    // Chunks of 2 seeds: every policy's seeds are split between the two workers.
    const parallel = await balanceReportParallel(scenario, 5, { workers: 2, chunk: 2 });
    expect(parallel.games).toBe(single.games);
    expect(json(parallel)).toBe(json(single));
  });

  it('plays on this thread when asked for one worker', async () => {
    const report = await balanceReportParallel(scenario, 1, { workers: 1 });
    expect(report.games).toBe(report.rows.length);
  });
});
