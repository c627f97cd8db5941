import { type CommandParser, defineScript } from 'redis';

/**
 * The Lua scripts the Redis store writes with. Redis executes a script atomically (no other command
 * runs in between), which is what turns "check the last seq, then append" into one compare-and-set.
 * node-redis sends EVALSHA and falls back to EVAL when the server has not cached the script yet.
 * Reads do not use Lua: converting a large XRANGE reply through a Lua table costs about three times
 * the plain command (measured while writing bench/store.bench.ts).
 *
 * Keys of one session (built in redis-store.ts), all named `<prefix>session:{<sessionId>}:<part>`: the
 * `{sessionId}` hash tag puts them in one Redis Cluster slot, which a script touching several needs:
 *   meta      hash: lastSeq, snapshotSeq, archived
 *   events    stream: one entry per append, id "<seq of its last event>-0", field "r" = the events
 *             as one JSON array (store-request.ts encodeRecord), so an append is all there or not
 *   snapshot  string: the newest snapshot's JSON
 *   lease     string "<epoch> <owner>" with a TTL: the process that owns the live session (many machines)
 *   epoch     counter: the lease's fencing epoch, incremented by every new owner, never reset
 *   index     set of every session id (shared by all sessions, so in a slot of its own: never in a script)
 */

export interface SessionKeys {
  meta: string;
  events: string;
  snapshot: string;
  lease: string;
  epoch: string;
  index: string;
}

/** Replies are decoded and checked by the store, so the scripts pass them through untyped. */
const passThrough = (reply: unknown): unknown => reply;

/**
 * Appends one record when meta.lastSeq equals the expected seq. The explicit stream id is a second
 * guard: XADD refuses an id not greater than the stream's last one. With a fencing epoch (ARGV[4] not
 * empty) the session's epoch must still be that one: once another process took the lease (and so
 * incremented the epoch), a paused or partitioned ex-owner is refused here, in the same atomic step
 * as the write, even if the new owner has not written anything yet. A lease that merely expired with
 * nobody taking it does not refuse: no other writer exists, and the seq compare-and-set still holds.
 * Returns {1, newLastSeq}, {0, lastSeq} (conflict) or {-2, lastSeq} (fenced).
 */
export const appendScript = defineScript({
  SCRIPT: `
local last = tonumber(redis.call('HGET', KEYS[1], 'lastSeq') or '0')
if ARGV[4] ~= '' and tonumber(redis.call('GET', KEYS[3]) or '0') ~= tonumber(ARGV[4]) then
  return {-2, last}
end
if last ~= tonumber(ARGV[1]) then return {0, last} end
local newLast = last + tonumber(ARGV[2])
redis.call('XADD', KEYS[2], string.format('%d-0', newLast), 'r', ARGV[3])
redis.call('HSET', KEYS[1], 'lastSeq', newLast)
return {1, newLast}
`,
  NUMBER_OF_KEYS: 3,
  parseCommand(
    parser: CommandParser,
    keys: SessionKeys,
    expectedSeq: number,
    count: number,
    record: string,
    epoch: number | undefined,
  ) {
    parser.pushKeys([keys.meta, keys.events, keys.epoch]);
    parser.push(String(expectedSeq), String(count), record, epoch === undefined ? '' : String(epoch));
  },
  transformReply: passThrough,
});

/**
 * Takes the lease of a free session (SET NX PX with the next epoch), or extends our own. Returns
 * {epoch, ""} when we hold it, {0, "<epoch> <owner>"} when another process does.
 */
export const acquireLeaseScript = defineScript({
  SCRIPT: `
local current = redis.call('GET', KEYS[1])
if current then
  local epoch, owner = string.match(current, '^(%d+) (.*)$')
  if owner == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return {tonumber(epoch), ''}
  end
  return {0, current}
end
local epoch = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], epoch .. ' ' .. ARGV[1], 'NX', 'PX', ARGV[2])
return {epoch, ''}
`,
  NUMBER_OF_KEYS: 2,
  parseCommand(parser: CommandParser, keys: SessionKeys, owner: string, ttlMs: number) {
    parser.pushKeys([keys.lease, keys.epoch]);
    parser.push(owner, String(ttlMs));
  },
  transformReply: passThrough,
});

/** Extends the lease if it is still exactly ours ("<epoch> <owner>"): 1, or 0 when it was lost. */
export const renewLeaseScript = defineScript({
  SCRIPT: `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`,
  NUMBER_OF_KEYS: 1,
  parseCommand(parser: CommandParser, keys: SessionKeys, value: string, ttlMs: number) {
    parser.pushKey(keys.lease);
    parser.push(value, String(ttlMs));
  },
  transformReply: passThrough,
});

/** Gives the lease up at once (graceful shutdown, unload) if it is still ours: 1, or 0. */
export const releaseLeaseScript = defineScript({
  SCRIPT: `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`,
  NUMBER_OF_KEYS: 1,
  parseCommand(parser: CommandParser, keys: SessionKeys, value: string) {
    parser.pushKey(keys.lease);
    parser.push(value);
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

/**
 * Removes every key of a session in one step (the epoch counter stays, so a recreated id never reuses
 * an epoch). The index entry is removed by the store afterwards: the index is in another slot.
 */
export const deleteScript = defineScript({
  SCRIPT: `
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
return 1
`,
  NUMBER_OF_KEYS: 4,
  parseCommand(parser: CommandParser, keys: SessionKeys) {
    parser.pushKeys([keys.meta, keys.events, keys.snapshot, keys.lease]);
  },
  transformReply: passThrough,
});
