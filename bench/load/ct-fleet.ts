// Crisis Table bots for bench/load.bench.ts: per table a facilitator and four players on real
// sockets (socket.io-client, loopback), each player sending a deliberation command every ~5 s and
// timing its acknowledgement. Bots keep their view (whole views and patches, applied in place).
import jsonpatch, { type Operation } from 'fast-json-patch';
import { io, type Socket } from 'socket.io-client';
import type { Fleet } from './fleet';

const SCENARIO = 'socialwave-first-30-days';
const ROLES = ['head-of-infra', 'cfo', 'product-lead', 'investor'];
const INTERVAL_MS = 5_000;

interface HeldView {
  seq: number;
  // biome-ignore lint/suspicious/noExplicitAny: bots read a few fields of the view only.
  view: any;
}

type Ack = { ok: boolean; seq?: number; code?: string; token?: string };

function connect(url: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const ask = (socket: Socket, event: string, payload: unknown): Promise<Ack> =>
  socket
    .timeout(20_000)
    .emitWithAck(event, payload)
    .catch(() => ({ ok: false, code: 'timeout' }));

/** Keeps the latest view of a socket from `view` and `view-patch` events; syncs on a gap. */
export function trackView(
  socket: Socket,
  onChange?: (held: HeldView) => void,
): { held: HeldView | undefined } {
  const box: { held: HeldView | undefined } = { held: undefined };
  socket.on('view', (event: HeldView) => {
    if (box.held && event.seq <= box.held.seq) return;
    box.held = event;
    onChange?.(event);
  });
  socket.on('view-patch', (event: { fromSeq: number; seq: number; patch: Operation[] }) => {
    const held = box.held;
    if (!held || held.seq !== event.fromSeq) {
      void ask(socket, 'sync', { lastSeq: held?.seq ?? 0 });
      return;
    }
    jsonpatch.applyPatch(held.view, event.patch, false, true);
    held.seq = event.seq;
    onChange?.(held);
  });
  return box;
}

interface Bot {
  socket: Socket;
  roleId: string;
  playerId: string;
  box: { held: HeldView | undefined };
  proposable: string[];
  timer: NodeJS.Timeout | undefined;
  n: number;
}

export function crisisTableFleet(url: string, label = 'crisis-table'): Fleet {
  const bots: Bot[] = [];
  const sockets: Socket[] = [];
  let latencies: number[] = [];
  let accepted = 0;
  let refused = 0;
  let active = false;
  // biome-ignore lint/suspicious/noExplicitAny: the public scenario as sent; bots read actions only.
  let actions: any[] | undefined;

  function schedule(bot: Bot, delay: number) {
    bot.timer = setTimeout(() => {
      if (!active) return;
      void send(bot);
      schedule(bot, INTERVAL_MS * (0.9 + 0.2 * Math.random()));
    }, delay);
  }

  function command(bot: Bot): Record<string, unknown> {
    bot.n++;
    const open = (
      (bot.box.held?.view.proposals ?? []) as { id: string; status: string; proposer: { roleId: string } }[]
    ).filter((p) => p.status === 'open' && p.proposer.roleId !== bot.roleId);
    const target = open[Math.floor(Math.random() * open.length)]?.id;
    const r = Math.random();
    if (r < 0.2 || !target) {
      if (r < 0.1 || bot.proposable.length === 0)
        return {
          type: 'message-facilitator',
          body: `Note ${bot.n} from ${bot.roleId}: the pager went off again.`,
        };
      const actionId = bot.proposable[bot.n % bot.proposable.length];
      return {
        type: 'propose',
        actionId,
        rationale: `Round ${bot.n}: we need ${actionId} before the next storm.`,
      };
    }
    if (r < 0.45)
      return {
        type: 'approve',
        proposalId: target,
        rationale: 'Within budget and it buys us time.',
        confidence: 3,
      };
    if (r < 0.55)
      return { type: 'reject', proposalId: target, rationale: 'Too costly for what it buys.', confidence: 2 };
    if (r < 0.75) return { type: 'vote', proposalId: target, vote: Math.random() < 0.5 ? 'yes' : 'no' };
    return {
      type: 'message-facilitator',
      body: `Note ${bot.n} from ${bot.roleId}: the pager went off again.`,
    };
  }

  async function send(bot: Bot) {
    const started = performance.now();
    const ack = await ask(bot.socket, 'command', { command: command(bot) });
    latencies.push(performance.now() - started);
    if (ack.ok) accepted++;
    else refused++;
  }

  async function addTable() {
    const res = await fetch(`${url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenarioId: SCENARIO }),
    });
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
    const created = (await res.json()) as { sessionId: string; joinCode: string; facilitatorToken: string };
    const facilitator = await connect(url);
    sockets.push(facilitator);
    const fbox = trackView(facilitator);
    facilitator.on('scenario', (event: { scenario: { actions: unknown[] } }) => {
      actions ??= event.scenario.actions;
    });
    const auth = await ask(facilitator, 'authenticate', {
      sessionId: created.sessionId,
      token: created.facilitatorToken,
    });
    if (!auth.ok) throw new Error(`authenticate: ${auth.code}`);
    for (const roleId of ROLES) {
      const socket = await connect(url);
      sockets.push(socket);
      const box = trackView(socket);
      const joined = (await ask(socket, 'join', {
        joinCode: created.joinCode,
        name: `Bot ${roleId}`,
        preferredRole: roleId,
      })) as Ack & {
        identity?: { playerId: string };
      };
      if (!joined.ok) throw new Error(`join: ${joined.code}`);
      const proposable = (actions ?? [])
        .filter((a: { proposers?: string[] }) => !a.proposers || a.proposers.includes(roleId))
        .map((a: { id: string }) => a.id);
      bots.push({
        socket,
        roleId,
        playerId: joined.identity?.playerId ?? '',
        box,
        proposable,
        timer: undefined,
        n: 0,
      });
    }
    await ask(facilitator, 'command', { command: { type: 'start' } });
    for (let i = 0; i < 8 && fbox.held?.view.phase !== 'deliberation'; i++) {
      await ask(facilitator, 'command', { command: { type: 'advance' } });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    if (fbox.held?.view.phase !== 'deliberation') throw new Error(`table stuck in ${fbox.held?.view.phase}`);
  }

  return {
    label,
    async grow(tables: number) {
      const batch: Promise<void>[] = [];
      while (bots.length / ROLES.length + batch.length < tables) {
        batch.push(addTable());
        if (batch.length >= 8) await Promise.all(batch.splice(0));
      }
      await Promise.all(batch);
      if (active) for (const bot of bots) if (!bot.timer) schedule(bot, Math.random() * INTERVAL_MS);
    },
    players: () => bots.length,
    setActive(on: boolean) {
      active = on;
      for (const bot of bots) {
        clearTimeout(bot.timer);
        bot.timer = undefined;
        if (on) schedule(bot, Math.random() * INTERVAL_MS);
      }
    },
    take() {
      const taken = { latencies, accepted, refused };
      latencies = [];
      accepted = 0;
      refused = 0;
      return taken;
    },
    async close() {
      this.setActive(false);
      for (const socket of sockets) socket.disconnect();
    },
  };
}

/**
 * One session, `count` observers (one viewer key, one socket.io room): the facilitator sends
 * `changes` broadcasts; for each, the time from sending it to the last observer holding its seq.
 */
export async function fanOut(
  url: string,
  count: number,
  changes: number,
): Promise<{ times: number[]; facilitatorViewBytes: number }> {
  const res = await fetch(`${url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scenarioId: SCENARIO }),
  });
  const created = (await res.json()) as { sessionId: string; facilitatorToken: string };
  const facilitator = await connect(url);
  await ask(facilitator, 'authenticate', { sessionId: created.sessionId, token: created.facilitatorToken });
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 500) {
    const names = Array.from({ length: Math.min(500, count - i) }, (_, k) => `Observer ${i + k + 1}`);
    const issued = (await ask(facilitator, 'issue-credentials', { kind: 'observer', names })) as Ack & {
      credentials?: { token: string }[];
    };
    if (!issued.ok || !issued.credentials) throw new Error(`issue-credentials: ${issued.code}`);
    tokens.push(...issued.credentials.map((c) => c.token));
  }
  const observers: Socket[] = [];
  const seqs: number[] = new Array(count).fill(0);
  let waiting: { seq: number; left: number; done: () => void } | undefined;
  const reached = (index: number, seq: number) => {
    const before = seqs[index] ?? 0;
    seqs[index] = seq;
    if (waiting && before < waiting.seq && seq >= waiting.seq && --waiting.left === 0) waiting.done();
  };
  for (let i = 0; i < tokens.length; i += 50) {
    await Promise.all(
      tokens.slice(i, i + 50).map(async (token, k) => {
        const socket = await connect(url);
        observers.push(socket);
        trackView(socket, (held) => reached(i + k, held.seq));
        await ask(socket, 'authenticate', { sessionId: created.sessionId, token });
      }),
    );
  }
  const times: number[] = [];
  try {
    for (let c = 0; c < changes; c++) {
      const started = performance.now();
      let seqKnown: (seq: number) => void = () => {};
      const all = new Promise<void>((resolve) => {
        seqKnown = (seq) => {
          const left = seqs.filter((s) => s < seq).length;
          if (left === 0) resolve();
          else waiting = { seq, left, done: resolve };
        };
      });
      const ack = await ask(facilitator, 'command', {
        command: { type: 'broadcast', body: `Update ${c + 1}: status page is green again.` },
      });
      if (!ack.ok || ack.seq === undefined) throw new Error(`broadcast: ${ack.code}`);
      seqKnown(ack.seq);
      await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      times.push(performance.now() - started);
      waiting = undefined;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // A second facilitator tab: its first whole view, with every credential issued above.
    const second = await connect(url);
    const first = new Promise<unknown>((resolve) => second.once('view', resolve));
    await ask(second, 'authenticate', { sessionId: created.sessionId, token: created.facilitatorToken });
    const facilitatorViewBytes = Buffer.byteLength(JSON.stringify(await first));
    second.disconnect();
    return { times, facilitatorViewBytes };
  } finally {
    for (const socket of [facilitator, ...observers]) socket.disconnect();
  }
}
