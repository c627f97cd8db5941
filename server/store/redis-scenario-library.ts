import { type CommandParser, defineScript } from 'redis';
import type { ScenarioVersionMeta } from '../../shared/protocol/scenario-library';
import { redisConnection } from './redis-connection';
import {
  type LibraryRecord,
  nextVersion,
  type SaveMeta,
  type SaveResult,
  type ScenarioLibrary,
} from './scenario-library';

/**
 * The library in Redis, shared by every process: per scenario a record (JSON string) and a hash of
 * version number -> text, both under the hash tag `{library:<id>}` so a Redis Cluster keeps them
 * on one slot; a set of every scenario id (a slot of its own, so never in the script: the id is
 * added before the save, and an id without a record lists as nothing). A save is one Lua script
 * (atomic): it appends only if the record still has the version count the caller read, so two
 * processes saving at once never write the same version number; the loser retries on the new record.
 */
const saveScript = defineScript({
  SCRIPT: `
local record = redis.call('GET', KEYS[1])
local count = 0
if record then count = #cjson.decode(record).versions end
if count ~= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('SET', KEYS[1], ARGV[4])
return 1
`,
  NUMBER_OF_KEYS: 2,
  parseCommand(
    parser: CommandParser,
    keys: { record: string; texts: string },
    readCount: number,
    version: number,
    text: string,
    record: string,
  ) {
    parser.pushKeys([keys.record, keys.texts]);
    parser.push(String(readCount), String(version), text, record);
  },
  transformReply: (reply: unknown): unknown => reply,
});

/** Saves racing on one scenario before one gives up (each round of a race has a winner). */
const MAX_SAVE_ATTEMPTS = 100;

function connect(url: string) {
  return redisConnection(url, {
    disableOfflineQueue: true,
    connectTimeoutMs: 5000,
    reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 500),
    scripts: { ctLibrarySave: saveScript },
  });
}
type Client = ReturnType<typeof connect>;

export class RedisScenarioLibrary implements ScenarioLibrary {
  readonly kind = 'redis';
  readonly #client: Client;
  readonly #prefix: string;

  private constructor(client: Client, prefix: string) {
    this.#client = client;
    this.#prefix = prefix;
  }

  static async open(options: {
    url: string;
    prefix: string;
    onConnectionError?: (error: Error) => void;
  }): Promise<RedisScenarioLibrary> {
    const client = connect(options.url);
    client.on('error', (error: Error) => options.onConnectionError?.(error));
    await client.connect();
    return new RedisScenarioLibrary(client, options.prefix);
  }

  #keys(scenarioId: string) {
    const tag = `${this.#prefix}{library:${scenarioId}}`;
    return { record: `${tag}:record`, texts: `${tag}:versions`, index: `${this.#prefix}library:ids` };
  }

  async entries(): Promise<LibraryRecord[]> {
    const ids = (await this.#client.sMembers(this.#keys('').index)).sort();
    const records = await Promise.all(ids.map((id) => this.entry(id)));
    return records.filter((r): r is LibraryRecord => r !== undefined);
  }

  async entry(scenarioId: string): Promise<LibraryRecord | undefined> {
    const text = await this.#client.get(this.#keys(scenarioId).record);
    if (text === null) return undefined;
    const record = JSON.parse(text) as LibraryRecord;
    // cjson writes an empty Lua table as {}, never as []; a record always has versions, but be sure.
    return { ...record, versions: Array.isArray(record.versions) ? record.versions : [] };
  }

  async read(scenarioId: string, version: number): Promise<string | undefined> {
    const text = await this.#client.hGet(this.#keys(scenarioId).texts, String(version));
    return text ?? undefined;
  }

  async save(scenarioId: string, text: string, meta: SaveMeta): Promise<SaveResult> {
    const keys = this.#keys(scenarioId);
    // Every round of racing saves has one winner, so N concurrent saves need at most N rounds; the
    // jittered pause keeps the losers from retrying in lockstep.
    for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt++) {
      if (attempt > 0)
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
      const record = await this.entry(scenarioId);
      const decided = nextVersion(record, text, meta);
      if ('existing' in decided) return { version: decided.existing, created: false };
      const next: LibraryRecord = {
        scenarioId,
        archived: record?.archived ?? false,
        versions: [...(record?.versions ?? []), decided.next],
      };
      if (!record) await this.#client.sAdd(keys.index, scenarioId);
      const written = await this.#client.ctLibrarySave(
        keys,
        record?.versions.length ?? 0,
        decided.next.version,
        text,
        JSON.stringify(next),
      );
      if (written === 1) return { version: decided.next as ScenarioVersionMeta, created: true };
    }
    throw new Error(`scenario ${scenarioId}: too many concurrent saves`);
  }

  async setArchived(scenarioId: string, archived: boolean): Promise<boolean> {
    const keys = this.#keys(scenarioId);
    const record = await this.entry(scenarioId);
    if (!record) return false;
    // Archiving rewrites only the flag; a save racing it keeps its own flag, which is the older one
    // at worst: archiving again fixes it, and no version is ever lost.
    await this.#client.set(keys.record, JSON.stringify({ ...record, archived }));
    return true;
  }

  async close(): Promise<void> {
    await this.#client.close();
  }
}
