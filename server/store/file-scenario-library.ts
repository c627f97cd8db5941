import { mkdir, open, readdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { KeyedMutex } from './keyed-mutex';
import {
  type LibraryRecord,
  nextVersion,
  type SaveMeta,
  type SaveResult,
  type ScenarioLibrary,
} from './scenario-library';

/** Scenario ids are lower-case letters, digits and dashes (the scenario schema), so they are safe file names. */
const SAFE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The library in the embedded file store's data directory: `scenario-library/<id>/v<N>.yaml`, one
 * file per version, created exclusively and fsynced (never rewritten), and `record.json`, replaced
 * atomically (written beside and renamed) after the version file is durable. A crash between the two
 * leaves an orphan version file that the next save of that number overwrites safely, since the
 * record never named it.
 */
export class FileScenarioLibrary implements ScenarioLibrary {
  readonly kind = 'file';
  readonly #dir: string;
  readonly #mutex = new KeyedMutex();

  private constructor(dir: string) {
    this.#dir = dir;
  }

  static async open(dataDir: string): Promise<FileScenarioLibrary> {
    const dir = path.join(dataDir, 'scenario-library');
    await mkdir(dir, { recursive: true });
    return new FileScenarioLibrary(dir);
  }

  #folder(scenarioId: string): string {
    if (!SAFE_ID.test(scenarioId)) throw new Error(`not a scenario id: ${JSON.stringify(scenarioId)}`);
    return path.join(this.#dir, scenarioId);
  }

  async entries(): Promise<LibraryRecord[]> {
    const names = (await readdir(this.#dir)).filter((name) => SAFE_ID.test(name)).sort();
    const records = await Promise.all(names.map((name) => this.entry(name)));
    return records.filter((r): r is LibraryRecord => r !== undefined);
  }

  async entry(scenarioId: string): Promise<LibraryRecord | undefined> {
    if (!SAFE_ID.test(scenarioId)) return undefined;
    try {
      return JSON.parse(await readFile(path.join(this.#folder(scenarioId), 'record.json'), 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async read(scenarioId: string, version: number): Promise<string | undefined> {
    const record = await this.entry(scenarioId);
    if (!record?.versions.some((v) => v.version === version)) return undefined;
    return readFile(path.join(this.#folder(scenarioId), `v${version}.yaml`), 'utf8');
  }

  save(scenarioId: string, text: string, meta: SaveMeta): Promise<SaveResult> {
    return this.#mutex.run(scenarioId, async () => {
      const folder = this.#folder(scenarioId);
      await mkdir(folder, { recursive: true });
      const record = await this.entry(scenarioId);
      const decided = nextVersion(record, text, meta);
      if ('existing' in decided) return { version: decided.existing, created: false };
      await writeDurably(path.join(folder, `v${decided.next.version}.yaml`), text);
      await this.#writeRecord(scenarioId, {
        scenarioId,
        archived: record?.archived ?? false,
        versions: [...(record?.versions ?? []), decided.next],
      });
      return { version: decided.next, created: true };
    });
  }

  setArchived(scenarioId: string, archived: boolean): Promise<boolean> {
    return this.#mutex.run(scenarioId, async () => {
      const record = await this.entry(scenarioId);
      if (!record) return false;
      await this.#writeRecord(scenarioId, { ...record, archived });
      return true;
    });
  }

  async #writeRecord(scenarioId: string, record: LibraryRecord): Promise<void> {
    const file = path.join(this.#folder(scenarioId), 'record.json');
    const temporary = `${file}.${process.pid}.tmp`;
    await writeDurably(temporary, JSON.stringify(record));
    await rename(temporary, file);
  }

  async close(): Promise<void> {}
}

async function writeDurably(file: string, text: string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}
