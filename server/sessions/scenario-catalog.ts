import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioSummary } from '../../shared/protocol/rest';
import { parseScenario, scenarioSizeProblem } from '../../shared/scenario/parse';
import type { Scenario } from '../../shared/scenario/schema';
import { scenarioSummary } from '../../shared/views/public';
import type { Logger } from '../logger';

/** The scenarios shipped in the repository's `scenarios/` folder. */
export const DEFAULT_SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

const SCENARIO_FILE = /\.(ya?ml|json)$/i;
/** The JSON Schema for editors lives next to the scenarios and is not itself a scenario. */
const NOT_A_SCENARIO = /\.schema\.json$/i;

export interface ScenarioCatalog {
  get(scenarioId: string): Scenario | undefined;
  list(): Scenario[];
  /** Public metadata only: no private briefs, injects, facilitator notes or simulation parameters. */
  summaries(): ScenarioSummary[];
}

export function createScenarioCatalog(scenarios: Scenario[]): ScenarioCatalog {
  const byId = new Map(scenarios.map((scenario) => [scenario.id, scenario]));
  return {
    get: (scenarioId) => byId.get(scenarioId),
    list: () => [...byId.values()],
    summaries: () => [...byId.values()].map(scenarioSummary),
  };
}

/**
 * Reads every scenario file in `dir`. A file with problems is left out and its problems are logged
 * (one line each, `file:line:column path: message`), so one broken file does not take the server down.
 */
export async function loadScenarioCatalog(dir: string, logger: Logger): Promise<ScenarioCatalog> {
  const names = (await readdir(dir))
    .filter((name) => SCENARIO_FILE.test(name) && !NOT_A_SCENARIO.test(name))
    .sort();
  const scenarios: Scenario[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const tooLarge = scenarioSizeProblem(name, (await stat(file)).size);
    const parsed = tooLarge
      ? { ok: false as const, problems: [tooLarge] }
      : parseScenario(await readFile(file, 'utf8'), name);
    if (!parsed.ok) {
      for (const p of parsed.problems) {
        logger.warn(
          { file: name },
          `scenario skipped: ${p.file}:${p.line}:${p.column} ${p.path}: ${p.message}`,
        );
      }
      continue;
    }
    if (scenarios.some((s) => s.id === parsed.scenario.id)) {
      logger.warn(
        { file: name, scenarioId: parsed.scenario.id },
        'scenario skipped: another file has the same id',
      );
      continue;
    }
    scenarios.push(parsed.scenario);
  }
  logger.info({ scenarios: scenarios.map((s) => s.id) }, 'scenarios loaded');
  return createScenarioCatalog(scenarios);
}
