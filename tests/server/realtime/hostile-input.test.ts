import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app-server';
import { TestClient } from '../../helpers/socket-client';
import {
  everyoneAt,
  NO_COMPUTER_PLAYERS,
  playerView,
  seatTable,
  startRealtimeServer,
  type Table,
} from './table';

/**
 * Malformed and hostile payloads against a game in progress: each gets an error acknowledgement
 * with the right code and changes nothing, and the table keeps being served.
 */

const ROLES = ['head-of-infra', 'cfo', 'product-lead', 'investor'] as const;
/**
 * Room for every hostile case in one rate window, and a short window (burst / perSecond = 0.25 s)
 * so the flooding connection is let back in soon after it stops.
 */
const HOSTILE_LIMITS = { burst: 100, perSecond: 400 };
const RATE_WINDOW_MS = (1000 * HOSTILE_LIMITS.burst) / HOSTILE_LIMITS.perSecond;
const big = (n: number) => 'x'.repeat(n);
/** An object with an own `__proto__` key, as JSON.parse makes it (a literal would set the prototype instead). */
const protoKey = (inner: object) =>
  JSON.parse(`{"__proto__": ${JSON.stringify(inner)}}`) as Record<string, unknown>;
const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });

type Who = 'player' | 'guest';
interface Case {
  name: string;
  who: Who;
  event: string;
  args: unknown[];
  code: string;
}

function cmd(command: unknown): unknown[] {
  return [{ command }];
}

const CASES: Case[] = [
  // Not an object at all.
  { name: 'null payload', who: 'player', event: 'command', args: [null], code: 'invalid-payload' },
  { name: 'number payload', who: 'player', event: 'command', args: [42], code: 'invalid-payload' },
  { name: 'string payload', who: 'player', event: 'command', args: ['ready'], code: 'invalid-payload' },
  { name: 'boolean payload', who: 'player', event: 'command', args: [true], code: 'invalid-payload' },
  {
    name: 'array payload',
    who: 'player',
    event: 'command',
    args: [[{ type: 'ready' }]],
    code: 'invalid-payload',
  },
  { name: 'no payload', who: 'player', event: 'command', args: [], code: 'invalid-payload' },
  {
    name: 'two payloads',
    who: 'player',
    event: 'command',
    args: [{ command: { type: 'ready' } }, 2],
    code: 'invalid-payload',
  },
  { name: 'empty envelope', who: 'player', event: 'command', args: [{}], code: 'invalid-payload' },
  {
    name: 'extra envelope key',
    who: 'player',
    event: 'command',
    args: [{ command: { type: 'ready' }, as: 'facilitator' }],
    code: 'invalid-payload',
  },
  // Commands that are not commands.
  { name: 'command null', who: 'player', event: 'command', args: cmd(null), code: 'unknown-command' },
  { name: 'command without type', who: 'player', event: 'command', args: cmd({}), code: 'unknown-command' },
  { name: 'numeric type', who: 'player', event: 'command', args: cmd({ type: 42 }), code: 'unknown-command' },
  {
    name: 'unknown type',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'become-facilitator' }),
    code: 'unknown-command',
  },
  {
    name: 'type __proto__',
    who: 'player',
    event: 'command',
    args: cmd({ type: '__proto__' }),
    code: 'unknown-command',
  },
  {
    name: 'type constructor',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'constructor' }),
    code: 'unknown-command',
  },
  {
    name: 'type toString',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'toString' }),
    code: 'unknown-command',
  },
  // Wrong types and sizes inside a real command.
  {
    name: 'propose without fields',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'propose' }),
    code: 'invalid-payload',
  },
  {
    name: 'numeric action id',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'propose', actionId: 7, rationale: 'x' }),
    code: 'invalid-payload',
  },
  {
    name: 'huge rationale',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'propose', actionId: 'status-page', rationale: big(60_000) }),
    code: 'invalid-payload',
  },
  {
    name: 'huge action id',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'propose', actionId: big(50_000), rationale: 'x' }),
    code: 'invalid-payload',
  },
  {
    name: 'string parameter',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'propose', actionId: 'read-replicas', params: { replicas: '4' }, rationale: 'x' }),
    code: 'invalid-payload',
  },
  {
    name: 'null parameter',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'propose', actionId: 'read-replicas', params: { replicas: null }, rationale: 'x' }),
    code: 'invalid-payload',
  },
  {
    name: 'out-of-range parameter',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'propose', actionId: 'read-replicas', params: { replicas: 1e300 }, rationale: 'x' }),
    code: 'invalid-parameters',
  },
  {
    name: 'thousands of parameters',
    who: 'player',
    event: 'command',
    args: cmd({
      type: 'propose',
      actionId: 'read-replicas',
      params: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`p${i}`, i])),
      rationale: 'x',
    }),
    code: 'invalid-parameters',
  },
  {
    name: 'empty rationale',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'propose', actionId: 'status-page', rationale: '   ' }),
    code: 'invalid-payload',
  },
  {
    name: 'vote maybe',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'vote', proposalId: 'proposal-1', vote: 'maybe' }),
    code: 'invalid-payload',
  },
  {
    name: 'confidence 99',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'approve', proposalId: 'proposal-1', rationale: 'x', confidence: 99 }),
    code: 'invalid-payload',
  },
  {
    name: 'fractional confidence',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'approve', proposalId: 'proposal-1', rationale: 'x', confidence: 2.5 }),
    code: 'invalid-payload',
  },
  {
    name: 'empty message',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'message-facilitator', body: '' }),
    code: 'invalid-payload',
  },
  {
    name: 'huge message',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'message-facilitator', body: big(60_000) }),
    code: 'invalid-payload',
  },
  {
    name: 'deeply nested extra field',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'ready', deep: nested(500) }),
    code: 'invalid-payload',
  },
  // Prototype pollution attempts.
  {
    name: '__proto__ in command',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'ready', ...protoKey({ polluted: true }) }),
    code: 'invalid-payload',
  },
  {
    name: '__proto__ in envelope',
    who: 'player',
    event: 'command',
    args: [{ command: { type: 'ready' }, ...protoKey({ polluted: true }) }],
    code: 'invalid-payload',
  },
  {
    name: '__proto__ as parameters',
    who: 'player',
    event: 'command',
    args: cmd({
      type: 'propose',
      actionId: 'read-replicas',
      params: protoKey({ polluted: 1 }),
      rationale: 'x',
    }),
    code: 'invalid-payload',
  },
  {
    name: 'constructor.prototype',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'ready', constructor: { prototype: { polluted: true } } }),
    code: 'invalid-payload',
  },
  {
    name: '__proto__ in join',
    who: 'guest',
    event: 'join',
    args: [{ joinCode: 'ABCDEF', name: 'x', ...protoKey({ isAdmin: true }) }],
    code: 'invalid-payload',
  },
  // Acting above one's station, or with stamped fields.
  {
    name: 'player starts the exercise',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'advance' }),
    code: 'not-authorized',
  },
  {
    name: 'player fakes a timer expiry',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'timer-expired', deadline: 0 }),
    code: 'not-authorized',
  },
  {
    name: 'join sent as a command',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'join', name: 'x', tokenHash: 'a'.repeat(64) }),
    code: 'invalid-payload',
  },
  {
    name: 'credential sent as a command',
    who: 'player',
    event: 'command',
    args: cmd({ type: 'issue-credential', kind: 'facilitator', name: 'me', tokenHash: 'a'.repeat(64) }),
    code: 'invalid-payload',
  },
  {
    name: 'player issues a credential',
    who: 'player',
    event: 'issue-credential',
    args: [{ kind: 'facilitator', name: 'me' }],
    code: 'not-authorized',
  },
  {
    name: 'unknown credential kind',
    who: 'player',
    event: 'issue-credential',
    args: [{ kind: 'root', name: 'me' }],
    code: 'invalid-payload',
  },
  {
    name: 'second join on a signed-in connection',
    who: 'player',
    event: 'join',
    args: [{ joinCode: 'ABCDEF', name: 'again' }],
    code: 'already-authenticated',
  },
  // Handshake abuse.
  {
    name: 'huge join code',
    who: 'guest',
    event: 'join',
    args: [{ joinCode: big(60_000), name: 'x' }],
    code: 'invalid-payload',
  },
  {
    name: 'long display name',
    who: 'guest',
    event: 'join',
    args: [{ joinCode: 'ABCDEF', name: big(41) }],
    code: 'invalid-payload',
  },
  {
    name: 'blank display name',
    who: 'guest',
    event: 'join',
    args: [{ joinCode: 'ABCDEF', name: '  ' }],
    code: 'invalid-payload',
  },
  {
    name: 'short token',
    who: 'guest',
    event: 'authenticate',
    args: [{ sessionId: 's_x', token: 'x' }],
    code: 'invalid-payload',
  },
  {
    name: 'token of wrong type',
    who: 'guest',
    event: 'authenticate',
    args: [{ sessionId: 's_x', token: 1234567890123456 }],
    code: 'invalid-payload',
  },
  {
    name: 'unknown session',
    who: 'guest',
    event: 'authenticate',
    args: [{ sessionId: 's_nope', token: 'A'.repeat(22) }],
    code: 'unknown-session',
  },
  {
    name: 'command before signing in',
    who: 'guest',
    event: 'command',
    args: cmd({ type: 'ready' }),
    code: 'not-authenticated',
  },
  {
    name: 'sync before signing in',
    who: 'guest',
    event: 'sync',
    args: [{ lastSeq: 0 }],
    code: 'not-authenticated',
  },
  { name: 'negative seq', who: 'player', event: 'sync', args: [{ lastSeq: -1 }], code: 'invalid-payload' },
  {
    name: 'string seq',
    who: 'player',
    event: 'sync',
    args: [{ lastSeq: 'latest' }],
    code: 'invalid-payload',
  },
  { name: 'fractional seq', who: 'player', event: 'sync', args: [{ lastSeq: 1.5 }], code: 'invalid-payload' },
  // Events that do not exist.
  { name: 'unknown event', who: 'player', event: 'hack', args: [{}], code: 'unknown-event' },
  { name: 'event __proto__', who: 'player', event: '__proto__', args: [{}], code: 'unknown-event' },
  { name: 'event constructor', who: 'player', event: 'constructor', args: [{}], code: 'unknown-event' },
  { name: 'event hasOwnProperty', who: 'player', event: 'hasOwnProperty', args: [{}], code: 'unknown-event' },
  { name: 'event error', who: 'player', event: 'error', args: [{}], code: 'unknown-event' },
  { name: 'very long event name', who: 'guest', event: big(5000), args: [{}], code: 'unknown-event' },
];

describe('malformed and hostile payloads against a game in progress', () => {
  let server: RunningServer;
  let table: Table;
  let hostile: TestClient;
  let guest: TestClient;
  let screen: TestClient;

  const watchers = () => [...table.clients, screen];

  beforeAll(async () => {
    server = await startRealtimeServer({
      ...NO_COMPUTER_PLAYERS,
      realtimeLimits: HOSTILE_LIMITS,
    });
    table = await seatTable(server.url, 'socialwave-first-30-days', ROLES);
    const issued = await table.facilitator.emit('issue-credential', { kind: 'screen', name: 'Projector' });
    if (!issued.ok) throw new Error(issued.code);
    screen = await TestClient.connect(server.url);
    await screen.authenticate(table.exercise.sessionId, issued.token);
    hostile = await TestClient.connect(server.url);
    const joined = await hostile.join(table.exercise.joinCode, 'Mallory', 'head-of-infra');
    if (!joined.ok) throw new Error(joined.code);
    guest = await TestClient.connect(server.url);
    await table.facilitator.must({ type: 'start' });
    await table.facilitator.must({ type: 'advance' });
    await everyoneAt(watchers(), await table.facilitator.must({ type: 'advance' }));
    expect(table.facilitator.view.phase).toBe('deliberation');
  });
  afterAll(async () => {
    table.close();
    screen.close();
    hostile.close();
    guest.close();
    await server.close();
  });

  async function sessionSeq(): Promise<number> {
    const ack = await table.facilitator.emit('sync', { lastSeq: table.facilitator.seq });
    if (!ack.ok) throw new Error('sync refused');
    return ack.seq;
  }

  it(`answers each of ${CASES.length} hostile payloads with the right error, changing nothing`, async () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
    const before = await sessionSeq();
    const wrong: string[] = [];
    for (const c of CASES) {
      const client = c.who === 'player' ? hostile : guest;
      const ack = (await client.emitRaw(c.event, ...c.args)) as {
        ok: boolean;
        code?: string;
        message?: unknown;
      };
      if (
        ack.ok !== false ||
        ack.code !== c.code ||
        typeof ack.message !== 'string' ||
        ack.message.length > 1000
      ) {
        wrong.push(`${c.name}: ${JSON.stringify(ack).slice(0, 200)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await sessionSeq()).toBe(before);
    expect(hostile.socket.connected && guest.socket.connected).toBe(true);
    // Nothing leaked into the prototypes of this process (the server runs in it).
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('answers events sent without an acknowledgement on protocol-error, and does nothing', async () => {
    const before = await sessionSeq();
    hostile.socket.emit('command', { command: { type: 'message-facilitator', body: 'no ack' } });
    hostile.socket.emit('hack');
    hostile.socket.emit('sync', { lastSeq: 0 });
    await hostile.until(() => hostile.protocolErrors.length >= 3, 'three protocol errors');
    expect(hostile.protocolErrors.map((e) => [e.event, e.code])).toEqual([
      ['command', 'missing-ack'],
      ['hack', 'missing-ack'],
      ['sync', 'missing-ack'],
    ]);
    expect(await sessionSeq()).toBe(before);
  });

  it('answers every event of a flood, refusing the excess as rate-limited', async () => {
    const before = await sessionSeq();
    const acks = (await Promise.all(
      Array.from({ length: 1200 }, () => hostile.emitRaw('command', { command: { type: 'extend' } })),
    )) as { ok: boolean; code: string }[];
    expect(acks).toHaveLength(1200);
    const codes = new Set(acks.map((a) => a.code));
    expect([...codes].sort()).toEqual(['not-authorized', 'rate-limited']);
    expect(acks.filter((a) => a.code === 'rate-limited').length).toBeGreaterThan(400);
    expect(await sessionSeq()).toBe(before);
  });

  it('drops a connection that sends an oversized message or a broken packet, and only that one', async () => {
    const oversized = await TestClient.connect(server.url);
    const closed = new Promise<string>((resolve) =>
      oversized.socket.on('disconnect', (reason) => resolve(reason)),
    );
    oversized.socket.emit('command', { command: { type: 'ready', pad: big(70 * 1024) } }, () => {});
    expect(await closed).toMatch(/transport (close|error)/);

    for (const packet of ['2["join",{"broken"', '21["disconnect",{}]', '2[]', '9hello']) {
      const raw = await TestClient.connect(server.url);
      const dropped = new Promise<void>((resolve) => raw.socket.on('disconnect', () => resolve()));
      raw.socket.io.engine.send(packet);
      await dropped;
    }
  });

  it('keeps serving the game: views still reach everyone and commands still work', async () => {
    const cfo = table.players.get('cfo')!;
    const seq = await cfo.must({
      type: 'propose',
      actionId: 'investor-update',
      rationale: 'Tell the board the truth.',
    });
    await everyoneAt(watchers(), seq);
    for (const client of watchers()) {
      expect(client.view.proposals.some((p) => p.actionId === 'investor-update')).toBe(true);
    }
    // The hostile player's own connection still works once it calms down (a rate window later).
    await new Promise((resolve) => setTimeout(resolve, RATE_WINDOW_MS + 50));
    const ack = await hostile.command({ type: 'message-facilitator', body: 'Sorry about that.' });
    expect(ack.ok).toBe(true);
    await everyoneAt(watchers(), await table.facilitator.must({ type: 'advance' }));
    for (const client of watchers()) expect(client.view.phase).toBe('decision');
    expect(playerView(table.players.get('investor')!).me.roleId).toBe('investor');
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
