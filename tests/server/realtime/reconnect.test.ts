import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app-server';
import type { ViewEvent, ViewPatchEvent } from '../../../shared/protocol/events';
import { applyViewPatch } from '../../../shared/protocol/view-patch';
import { TestClient } from '../../helpers/socket-client';
import {
  everyoneAt,
  NO_COMPUTER_PLAYERS,
  playerView,
  seatTable,
  startRealtimeServer,
  type Table,
  UNLIMITED_RATE,
} from './table';

const ROLES = ['head-of-infra', 'cfo', 'product-lead', 'investor'] as const;

describe('reconnecting with a token', () => {
  let server: RunningServer;
  let table: Table;
  let cfoToken: string;
  let cfoPlayerId: string;

  beforeAll(async () => {
    server = await startRealtimeServer({ ...NO_COMPUTER_PLAYERS, ...UNLIMITED_RATE });
    table = await seatTable(
      server.url,
      'socialwave-first-30-days',
      ROLES.filter((r) => r !== 'cfo'),
    );
    const cfo = await TestClient.connect(server.url);
    const joined = await cfo.join(table.exercise.joinCode, 'Casey', 'cfo');
    if (!joined.ok) throw new Error(joined.code);
    cfoToken = joined.token;
    cfoPlayerId = (joined.identity as { playerId: string }).playerId;
    table.players.set('cfo', cfo);
    table.clients.push(cfo);
    await table.facilitator.must({ type: 'start' });
    await table.facilitator.must({ type: 'advance' });
    await everyoneAt(table.clients, await table.facilitator.must({ type: 'advance' }));
    expect(table.facilitator.view.phase).toBe('deliberation');
  });
  afterAll(async () => {
    table.close();
    await server.close();
  });

  it('gets the same identity, role and current view back mid-deliberation, with nothing lost', async () => {
    const cfo = table.players.get('cfo')!;
    await cfo.must({
      type: 'propose',
      actionId: 'compute-savings-plan',
      rationale: 'Twenty percent off compute.',
    });
    await cfo.must({ type: 'message-facilitator', body: 'Back in a minute.' });
    const lastSeen = cfo.seq;
    cfo.close();

    // While the CFO is away the table moves on.
    const infra = table.players.get('head-of-infra')!;
    await infra.must({ type: 'propose', actionId: 'connection-pooler', rationale: 'Protect the primary.' });
    const away = await table.facilitator.must({
      type: 'broadcast',
      body: 'CFO: the board is on line two.',
      audience: ['cfo'],
    });
    expect(away).toBeGreaterThan(lastSeen);

    const back = await TestClient.connect(server.url);
    const auth = await back.authenticate(table.exercise.sessionId, cfoToken);
    expect(auth).toMatchObject({
      ok: true,
      seq: away,
      identity: { kind: 'player', playerId: cfoPlayerId, name: 'Casey', sessionId: table.exercise.sessionId },
    });
    // The view arrives before the acknowledgement, at the session's current seq.
    expect(back.views).toHaveLength(1);
    expect(back.seq).toBe(away);
    const view = playerView(back);
    expect(view.phase).toBe('deliberation');
    expect(view.me).toMatchObject({ id: cfoPlayerId, roleId: 'cfo' });
    expect(view.role.id).toBe('cfo');
    expect(view.proposals.map((p) => p.actionId)).toEqual(['compute-savings-plan', 'connection-pooler']);
    expect(view.messages.map((m) => m.body)).toEqual(['Back in a minute.', 'CFO: the board is on line two.']);
    expect(view.injects.map((i) => i.id)).toContain('board-strings');
    expect(back.scenarios).toHaveLength(1);
    expect(back.scenarios[0]!.kind).toBe('public');

    // And the player acts as before: the CFO approves the pooler.
    const pooler = view.proposals.find((p) => p.actionId === 'connection-pooler')!;
    const seq = await back.must({
      type: 'approve',
      proposalId: pooler.id,
      rationale: 'Cheap insurance.',
      confidence: 4,
    });
    await everyoneAt([...table.clients.filter((c) => c !== table.players.get('cfo')), back], seq);
    expect(
      table.facilitator.view.proposals.find((p) => p.id === pooler.id)?.reviews.map((r) => r.roleId),
    ).toEqual(['cfo']);
    table.players.set('cfo', back);
    table.clients.push(back);
  });

  it('catches up with sync from the last seq it holds', async () => {
    const cfo = table.players.get('cfo')!;
    const before = cfo.views.length;
    const current = await cfo.emit('sync', { lastSeq: cfo.seq });
    expect(current).toMatchObject({ ok: true, seq: cfo.seq });
    expect(cfo.views).toHaveLength(before);
    const behind = await cfo.emit('sync', { lastSeq: 1 });
    expect(behind.ok).toBe(true);
    expect(cfo.views).toHaveLength(before + 1);
    expect(cfo.seq).toBe(table.facilitator.seq);
  });

  it('serves several tabs of one player, each with its own view, and counts them in presence', async () => {
    const tabs = await Promise.all([TestClient.connect(server.url), TestClient.connect(server.url)]);
    for (const tab of tabs) {
      expect(await tab.authenticate(table.exercise.sessionId, cfoToken)).toMatchObject({ ok: true });
    }
    await table.facilitator.until(
      () =>
        table.facilitator.presence.at(-1)?.players.find((p) => p.playerId === cfoPlayerId)?.connections === 3,
      'three CFO connections',
    );
    const seq = await tabs[0]!.must({ type: 'message-facilitator', body: 'Sent from the second tab.' });
    await everyoneAt([...tabs, table.players.get('cfo')!], seq);
    for (const tab of [...tabs, table.players.get('cfo')!]) {
      expect(playerView(tab).messages.at(-1)?.body).toBe('Sent from the second tab.');
    }
    tabs[1]!.close();
    await table.facilitator.until(
      () =>
        table.facilitator.presence.at(-1)?.players.find((p) => p.playerId === cfoPlayerId)?.connections === 2,
      'one tab closed',
    );
    tabs[0]!.close();
  });

  it('resumes after a dropped transport when the client re-authenticates on each connect', async () => {
    // What the web client does: socket.io reconnects by itself; on every connect it authenticates again.
    const socket = io(server.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 100,
    });
    const views: ViewEvent[] = [];
    let connects = 0;
    socket.on('view', (event: ViewEvent) => views.push(event));
    // Changes after the first view may come as patches of it (issue 19).
    socket.on('view-patch', (event: ViewPatchEvent) => {
      const view = applyViewPatch(views.at(-1), event);
      if (view) views.push({ seq: event.seq, view });
    });
    socket.on('connect', () => {
      connects++;
      socket.emit('authenticate', { sessionId: table.exercise.sessionId, token: cfoToken }, () => {});
    });
    const waitFor = async (test: () => boolean) => {
      for (let i = 0; i < 200 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(test()).toBe(true);
    };
    await waitFor(() => views.length === 1);
    socket.io.engine.close(); // the network drops
    const seq = await table.facilitator.must({ type: 'broadcast', body: 'Two minutes.' });
    await waitFor(() => connects === 2 && views.at(-1)?.seq === seq);
    expect(views.at(-1)!.view.messages.at(-1)?.body).toBe('Two minutes.');
    socket.close();
  });

  it('refuses a token that was never issued, and one for another session', async () => {
    const stranger = await TestClient.connect(server.url);
    expect(await stranger.authenticate(table.exercise.sessionId, 'A'.repeat(22))).toMatchObject({
      ok: false,
      code: 'invalid-token',
    });
    const other = await seatTable(server.url, 'socialwave-first-30-days', []);
    expect(await stranger.authenticate(other.exercise.sessionId, cfoToken)).toMatchObject({
      ok: false,
      code: 'invalid-token',
    });
    expect(stranger.views).toHaveLength(0);
    stranger.close();
    other.close();
  });
});
