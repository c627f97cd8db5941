import { createHash } from 'node:crypto';
import type { ScenarioOrigin, ScenarioVersionMeta } from '../../shared/protocol/scenario-library';

/**
 * The scenario library's storage: every scenario the server knows (shipped, from SCENARIO_DIR,
 * uploaded, edited, copied) as a list of immutable versions of its file text, kept in the same
 * backend as the sessions (files under DATA_DIR, or Redis), so it survives restarts and every
 * process sees the same library. A version is never rewritten: a save appends the next one. A
 * running or finished exercise never reads the library again: its first event embeds the parsed
 * scenario (shared/session/events.ts `session-created`), so it keeps the version it started with.
 * The text is stored as written (comments and formatting are the author's); parsing and checking
 * it is the catalog's business (server/sessions/scenario-catalog.ts).
 */
export interface ScenarioLibrary {
  readonly kind: string;
  /** Every scenario's record, archived ones included, sorted by id. */
  entries(): Promise<LibraryRecord[]>;
  entry(scenarioId: string): Promise<LibraryRecord | undefined>;
  /** The text of one version, as saved. */
  read(scenarioId: string, version: number): Promise<string | undefined>;
  /**
   * Appends a version unless the latest one has the same text (then nothing is written). With
   * `unlessKnown`, also when any earlier version has it: a folder that still holds an old file does
   * not undo a newer edit made in the product at every restart.
   */
  save(scenarioId: string, text: string, meta: SaveMeta): Promise<SaveResult>;
  /** Archived scenarios are not offered for new exercises; their versions stay downloadable. False when unknown. */
  setArchived(scenarioId: string, archived: boolean): Promise<boolean>;
  close(): Promise<void>;
}

export interface LibraryRecord {
  scenarioId: string;
  archived: boolean;
  /** Oldest first; version numbers are 1, 2, 3, ... */
  versions: ScenarioVersionMeta[];
}

export interface SaveMeta {
  origin: ScenarioOrigin;
  savedAt: number;
  /** Where it came from: the file name in a folder, or the version it was copied from. */
  source?: string;
  unlessKnown?: boolean;
}

export interface SaveResult {
  version: ScenarioVersionMeta;
  created: boolean;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The version a save would write, or the existing one it repeats (shared by every implementation). */
export function nextVersion(
  record: LibraryRecord | undefined,
  text: string,
  meta: SaveMeta,
): { existing: ScenarioVersionMeta } | { next: ScenarioVersionMeta } {
  const hash = sha256(text);
  const versions = record?.versions ?? [];
  const latest = versions.at(-1);
  if (latest?.sha256 === hash) return { existing: latest };
  const known = meta.unlessKnown ? versions.find((v) => v.sha256 === hash) : undefined;
  if (known) return { existing: known };
  return {
    next: {
      version: versions.length + 1,
      savedAt: meta.savedAt,
      origin: meta.origin,
      sha256: hash,
      bytes: Buffer.byteLength(text, 'utf8'),
      ...(meta.source !== undefined ? { source: meta.source } : {}),
    },
  };
}

/** In memory, for tests and for servers given a memory session store. */
export class MemoryScenarioLibrary implements ScenarioLibrary {
  readonly kind = 'memory';
  readonly #records = new Map<string, LibraryRecord>();
  readonly #texts = new Map<string, string>();

  async entries(): Promise<LibraryRecord[]> {
    return [...this.#records.values()]
      .map((r) => structuredClone(r))
      .sort((a, b) => a.scenarioId.localeCompare(b.scenarioId));
  }

  async entry(scenarioId: string): Promise<LibraryRecord | undefined> {
    const record = this.#records.get(scenarioId);
    return record && structuredClone(record);
  }

  async read(scenarioId: string, version: number): Promise<string | undefined> {
    return this.#texts.get(`${scenarioId}@${version}`);
  }

  async save(scenarioId: string, text: string, meta: SaveMeta): Promise<SaveResult> {
    const record = this.#records.get(scenarioId);
    const decided = nextVersion(record, text, meta);
    if ('existing' in decided) return { version: decided.existing, created: false };
    this.#texts.set(`${scenarioId}@${decided.next.version}`, text);
    this.#records.set(scenarioId, {
      scenarioId,
      archived: record?.archived ?? false,
      versions: [...(record?.versions ?? []), decided.next],
    });
    return { version: decided.next, created: true };
  }

  async setArchived(scenarioId: string, archived: boolean): Promise<boolean> {
    const record = this.#records.get(scenarioId);
    if (!record) return false;
    record.archived = archived;
    return true;
  }

  async close(): Promise<void> {}
}
