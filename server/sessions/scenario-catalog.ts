import { fileURLToPath } from 'node:url';
import type { ScenarioSummary } from '../../shared/protocol/rest';
import type { LibraryEntry, LocatedProblem, ScenarioOrigin } from '../../shared/protocol/scenario-library';
import { parseScenario } from '../../shared/scenario/parse';
import type { Scenario } from '../../shared/scenario/schema';
import { scenarioSummary } from '../../shared/views/public';
import type { Logger } from '../logger';
import type { LibraryRecord, SaveResult, ScenarioLibrary } from '../store/scenario-library';

/** The scenarios shipped in the repository's `scenarios/` folder. */
export const DEFAULT_SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** What the REST API and the exercise creation ask of the scenarios: the newest usable version of each. */
export interface ScenarioCatalog {
  get(scenarioId: string): Scenario | undefined;
  list(): Scenario[];
  /** Public metadata only: no private briefs, injects, facilitator notes or simulation parameters. */
  summaries(): ScenarioSummary[];
}

/** A fixed catalog (tests, tools). */
export function createScenarioCatalog(scenarios: Scenario[]): ScenarioCatalog {
  const byId = new Map(scenarios.map((scenario) => [scenario.id, scenario]));
  return {
    get: (scenarioId) => byId.get(scenarioId),
    list: () => [...byId.values()],
    summaries: () => [...byId.values()].map(scenarioSummary),
  };
}

export type SaveScenarioResult =
  | { ok: true; scenario: Scenario; saved: SaveResult }
  | { ok: false; code: 'invalid-scenario'; problems: LocatedProblem[] }
  | { ok: false; code: 'scenario-exists' | 'unknown-scenario' | 'id-mismatch'; message: string };

/**
 * The catalog backed by the scenario library (server/store/scenario-library.ts): the newest version
 * of every scenario that is not archived, parsed once per text. `get`, `list` and `summaries` answer
 * from memory (exercise creation asks synchronously); every save in this process refreshes it at
 * once, and `refresh` (run on each library listing, and every few seconds when the library is shared
 * through Redis) picks up what other processes saved.
 */
export class LibraryCatalog implements ScenarioCatalog {
  readonly #library: ScenarioLibrary;
  readonly #logger: Logger;
  #current = new Map<string, { scenario: Scenario; version: number }>();
  #records: LibraryRecord[] = [];
  /** Parsed texts by hash: a version's text never changes, so it is parsed once. */
  readonly #parsed = new Map<string, Scenario | null>();
  /** Problems of the files of each folder, from its latest read. */
  readonly #folderProblems = new Map<string, LocatedProblem[]>();

  constructor(library: ScenarioLibrary, logger: Logger) {
    this.#library = library;
    this.#logger = logger;
  }

  get(scenarioId: string): Scenario | undefined {
    return this.#current.get(scenarioId)?.scenario;
  }

  list(): Scenario[] {
    return [...this.#current.values()].map((c) => c.scenario);
  }

  summaries(): ScenarioSummary[] {
    return this.list().map(scenarioSummary);
  }

  /** Every record with its title (archived ones too), for the author page. */
  entries(): LibraryEntry[] {
    return this.#records.map((record) => ({
      scenarioId: record.scenarioId,
      title: this.#titleOf(record),
      archived: record.archived,
      versions: record.versions,
    }));
  }

  problems(): LocatedProblem[] {
    return [...this.#folderProblems.values()].flat();
  }

  get library(): ScenarioLibrary {
    return this.#library;
  }

  #titleOf(record: LibraryRecord): string {
    for (const version of [...record.versions].reverse()) {
      const parsed = this.#parsed.get(version.sha256);
      if (parsed) return parsed.title;
    }
    return record.scenarioId;
  }

  async refresh(): Promise<void> {
    const records = await this.#library.entries();
    const current = new Map<string, { scenario: Scenario; version: number }>();
    for (const record of records) {
      // The newest version that still parses (a version was valid when saved; a later schema may differ).
      for (const meta of [...record.versions].reverse()) {
        let scenario = this.#parsed.get(meta.sha256);
        if (scenario === undefined) {
          const text = await this.#library.read(record.scenarioId, meta.version);
          const parsed =
            text === undefined ? undefined : parseScenario(text, `${record.scenarioId}@${meta.version}`);
          scenario = parsed?.ok ? parsed.scenario : null;
          this.#parsed.set(meta.sha256, scenario);
        }
        if (scenario) {
          if (!record.archived) current.set(record.scenarioId, { scenario, version: meta.version });
          break;
        }
      }
    }
    this.#records = records;
    this.#current = current;
  }

  /**
   * Saves `text` as a version, after the same checks as `npm run scenario:check` (size, aliases,
   * schema, cross-references: every problem, located). `mode` says what the caller means: a new
   * scenario (refused when the id exists), a new version of `scenarioId`, or a folder's file
   * (either; an old file that is already a version somewhere in the history adds nothing).
   */
  async save(
    text: string,
    options: {
      fileName: string;
      origin: ScenarioOrigin;
      mode: 'new' | 'version' | 'folder';
      scenarioId?: string;
      source?: string;
      at: number;
    },
  ): Promise<SaveScenarioResult> {
    const parsed = parseScenario(text, options.fileName);
    if (!parsed.ok) return { ok: false, code: 'invalid-scenario', problems: parsed.problems };
    const { scenario } = parsed;
    const existing = await this.#library.entry(
      options.mode === 'version' ? (options.scenarioId ?? scenario.id) : scenario.id,
    );
    if (options.mode === 'new' && existing) {
      return {
        ok: false,
        code: 'scenario-exists',
        message: `a scenario with id ${scenario.id} exists; save a new version of it (POST /api/scenarios/${scenario.id}/versions) or give this one another id`,
      };
    }
    if (options.mode === 'version') {
      if (!existing)
        return { ok: false, code: 'unknown-scenario', message: `no scenario ${options.scenarioId}` };
      if (scenario.id !== options.scenarioId) {
        return {
          ok: false,
          code: 'id-mismatch',
          message: `the file's id is ${scenario.id}, not ${options.scenarioId}; duplicate it to change the id`,
        };
      }
    }
    const saved = await this.#library.save(scenario.id, text, {
      origin: options.origin,
      savedAt: options.at,
      ...(options.source !== undefined ? { source: options.source } : {}),
      unlessKnown: options.mode === 'folder',
    });
    this.#parsed.set(saved.version.sha256, scenario);
    await this.refresh();
    return { ok: true, scenario, saved };
  }

  /** Records a folder's problems (replacing its previous ones) and logs each, located. */
  setFolderProblems(folder: string, problems: LocatedProblem[]): void {
    this.#folderProblems.set(folder, problems);
    for (const p of problems) {
      this.#logger.warn(
        { folder, file: p.file },
        `scenario skipped: ${p.file}:${p.line}:${p.column} ${p.path}: ${p.message}`,
      );
    }
  }
}
