import { type CommandParser, defineScript } from 'redis';

/**
 * The Lua scripts the Redis store writes with. Redis executes a script atomically (no other command
 * runs in between), which is what turns "check the last seq, then append" into one compare-and-set.
 * node-redis sends EVALSHA and falls back to EVAL when the server has not cached the script yet.
 * Reads do not use Lua: converting a large XRANGE reply through a Lua table costs about three times
 * the plain command (measured while writing bench/store.bench.ts).
 *
 * Keys of one session (built in redis-store.ts):
 *   meta      hash: lastSeq, snapshotSeq, archived
 *   events    stream: one entry per append, id "<seq of its last event>-0", field "r" = the events
 *             as one JSON array (store-request.ts encodeRecord), so an append is all there or not
 *   snapshot  string: the newest snapshot's JSON
 *   index     set of every session id (shared by all sessions)
 */

export interface SessionKeys {
  meta: string;
  events: string;
  snapshot: string;
  index: string;
}

/** Replies are decoded and checked by the store, so the scripts pass them through untyped. */
const passThrough = (reply: unknown): unknown => reply;

/**
 * Appends one record when meta.lastSeq equals the expected seq. The explicit stream id is a second
 * guard: XADD refuses an id not greater than the stream's last one. Returns {1, newLastSeq} or
 * {0, lastSeq}.
 */
export const appendScript = defineScript({
  SCRIPT: `
local last = tonumber(redis.call('HGET', KEYS[1], 'lastSeq') or '0')
if last ~= tonumber(ARGV[1]) then return {0, last} end
local newLast = last + tonumber(ARGV[3])
redis.call('XADD', KEYS[2], string.format('%d-0', newLast), 'r', ARGV[4])
redis.call('HSET', KEYS[1], 'lastSeq', newLast)
redis.call('SADD', KEYS[3], ARGV[2])
return {1, newLast}
`,
  NUMBER_OF_KEYS: 3,
  parseCommand(
    parser: CommandParser,
    keys: SessionKeys,
    sessionId: string,
    expectedSeq: number,
    count: number,
    record: string,
  ) {
    parser.pushKeys([keys.meta, keys.events, keys.index]);
    parser.push(String(expectedSeq), sessionId, String(count), record);
  },
  transformReply: passThrough,
});

/**
 * Stores a snapshot unless it is past the log's end or older than the stored one.
 * Returns {1, lastSeq} stored, {0, lastSeq} older (ignored), {-1, lastSeq} past the end.
 */
export const snapshotScript = defineScript({
  SCRIPT: `
local last = tonumber(redis.call('HGET', KEYS[1], 'lastSeq') or '0')
local seq = tonumber(ARGV[1])
if seq > last then return {-1, last} end
local current = tonumber(redis.call('HGET', KEYS[1], 'snapshotSeq') or '0')
if seq <= current then return {0, last} end
redis.call('SET', KEYS[2], ARGV[2])
redis.call('HSET', KEYS[1], 'snapshotSeq', seq)
return {1, last}
`,
  NUMBER_OF_KEYS: 2,
  parseCommand(parser: CommandParser, keys: SessionKeys, seq: number, snapshot: string) {
    parser.pushKeys([keys.meta, keys.snapshot]);
    parser.push(String(seq), snapshot);
  },
  transformReply: passThrough,
});

/** Marks a session archived, only if it exists (an unknown session stays unknown). */
export const archiveScript = defineScript({
  SCRIPT: `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'archived', '1') end
return 1
`,
  NUMBER_OF_KEYS: 1,
  parseCommand(parser: CommandParser, keys: SessionKeys) {
    parser.pushKey(keys.meta);
  },
  transformReply: passThrough,
});

/** Removes every key of a session and its index entry in one step. */
export const deleteScript = defineScript({
  SCRIPT: `
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
redis.call('SREM', KEYS[4], ARGV[1])
return 1
`,
  NUMBER_OF_KEYS: 4,
  parseCommand(parser: CommandParser, keys: SessionKeys, sessionId: string) {
    parser.pushKeys([keys.meta, keys.events, keys.snapshot, keys.index]);
    parser.push(sessionId);
  },
  transformReply: passThrough,
});
