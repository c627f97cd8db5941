import { type FSWatcher, watch } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LocatedProblem, ScenarioOrigin } from '../../shared/protocol/scenario-library';
import { scenarioSizeProblem } from '../../shared/scenario/parse';
import type { Logger } from '../logger';
import type { LibraryCatalog } from './scenario-catalog';

const SCENARIO_FILE = /\.(ya?ml|json)$/i;
/** The JSON Schema for editors lives next to the scenarios and is not itself a scenario. */
const NOT_A_SCENARIO = /\.schema\.json$/i;
/** Editors write a file in several steps (truncate, write, rename); read once they are done. */
const SETTLE_MS = 150;

/**
 * Reads every scenario file of a folder into the library: a valid file becomes a version (unless
 * it is one already), a file with problems is left out and its problems are kept, located, for the
 * author page and the log, so one broken file takes nothing down. Two files with one id: the first
 * by name wins, the other is reported.
 */
export async function importScenarioFolder(
  catalog: LibraryCatalog,
  dir: string,
  origin: ScenarioOrigin,
  now: () => number,
): Promise<void> {
  const names = (await readdir(dir))
    .filter((name) => SCENARIO_FILE.test(name) && !NOT_A_SCENARIO.test(name))
    .sort();
  const problems: LocatedProblem[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    let text: string;
    try {
      const tooLarge = scenarioSizeProblem(name, (await stat(file)).size);
      if (tooLarge) {
        problems.push(tooLarge);
        continue;
      }
      text = await readFile(file, 'utf8');
    } catch (error) {
      // Deleted between the listing and the read (an editor's temporary file): nothing to load.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const saved = await catalog.save(text, {
      fileName: name,
      origin,
      mode: 'folder',
      source: name,
      at: now(),
    });
    if (!saved.ok) {
      if (saved.code === 'invalid-scenario') problems.push(...saved.problems);
      continue;
    }
    const first = seen.get(saved.scenario.id);
    if (first !== undefined) {
      problems.push({
        file: name,
        line: 1,
        column: 1,
        path: 'id',
        message: `${first} has the same id (${saved.scenario.id}); this file replaced it as the newest version`,
      });
    }
    seen.set(saved.scenario.id, name);
  }
  catalog.setFolderProblems(dir, problems);
}

/**
 * Watches a folder (SCENARIO_DIR) and reloads it on every change. node's fs.watch is enough for one
 * folder on Linux (inotify), macOS and Windows; changes are coalesced for SETTLE_MS.
 */
export function watchScenarioFolder(
  catalog: LibraryCatalog,
  dir: string,
  logger: Logger,
  now: () => number,
): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const reload = () => {
    timer = undefined;
    running = running.then(async () => {
      try {
        await importScenarioFolder(catalog, dir, 'folder', now);
        logger.info({ folder: dir, scenarios: catalog.list().length }, 'scenario folder reloaded');
      } catch (error) {
        logger.warn({ err: error, folder: dir }, 'scenario folder could not be read');
      }
    });
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, SETTLE_MS);
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { persistent: false }, () => schedule());
    watcher.on('error', (error) => logger.warn({ err: error, folder: dir }, 'scenario folder watch failed'));
  } catch (error) {
    logger.warn({ err: error, folder: dir }, 'scenario folder cannot be watched');
  }
  return {
    close: () => {
      if (timer) clearTimeout(timer);
      watcher?.close();
    },
  };
}
