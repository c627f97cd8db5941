import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app-server';
import type { ClientCommand } from '../../../shared/protocol/events';
import { uploadFullLengthScenario } from '../../helpers/full-length-scenario';
import { TestClient } from '../../helpers/socket-client';
import { everyoneAt, playerView, seatTable, startRealtimeServer, type Table, UNLIMITED_RATE } from './table';

const ROLES = ['head-of-infra', 'cfo', 'product-lead', 'investor'] as const;
type RoleId = (typeof ROLES)[number];

/** What the table proposes each round (deliberation), and how the others respond. */
const PLAN: Record<number, { by: RoleId; command: ClientCommand }[]> = {
  1: [
    {
      by: 'head-of-infra',
      command: {
        type: 'propose',
        actionId: 'connection-pooler',
        rationale: 'Stop the connection storms first.',
      },
    },
    {
      by: 'product-lead',
      command: { type: 'propose', actionId: 'status-page', rationale: 'Tell users what is going on.' },
    },
  ],
  2: [
    {
      by: 'head-of-infra',
      command: {
        type: 'propose',
        actionId: 'read-replicas',
        params: { replicas: 4 },
        rationale: 'Take feed reads off the primary.',
      },
    },
    {
      by: 'cfo',
      command: {
        type: 'propose',
        actionId: 'compute-savings-plan',
        rationale: 'Twenty percent off compute.',
      },
    },
  ],
  3: [
    {
      by: 'head-of-infra',
      command: {
        type: 'propose',
        actionId: 'on-call-rotation',
        params: { engineers: 8 },
        rationale: 'Stop paging everyone.',
      },
    },
  ],
};

describe('a full game of the short scenario over real sockets', () => {
  let server: RunningServer;
  let table: Table;
  let screen: TestClient;

  beforeAll(async () => {
    server = await startRealtimeServer(UNLIMITED_RATE);
    // Nobody plays well here, so the variant without the short scenario's early exodus (see there).
    table = await seatTable(server.url, await uploadFullLengthScenario(server.url), ROLES);
  });
  afterAll(async () => {
    table.close();
    screen?.close();
    await server.close();
  });

  const player = (roleId: RoleId) => table.players.get(roleId)!;
  const all = () => [...table.clients, screen];

  it('is played by a facilitator and four players from the lobby to the debrief', async () => {
    const { facilitator, exercise } = table;

    // The facilitator puts a projector screen on the wall with its own credential.
    const issued = await facilitator.emit('issue-credential', { kind: 'screen', name: 'Projector' });
    expect(issued.ok).toBe(true);
    if (!issued.ok) return;
    screen = await TestClient.connect(server.url);
    expect(await screen.authenticate(exercise.sessionId, issued.token)).toMatchObject({
      ok: true,
      identity: { kind: 'screen', name: 'Projector' },
    });

    // Presence: the facilitator sees every role with its player connected, and the screen.
    await facilitator.until(() => {
      const p = facilitator.presence.at(-1);
      return !!p && p.screens === 1 && p.roles.every((r) => r.connectedPlayers === 1);
    }, 'presence of the four players and the screen');

    // Every player sees the lobby and their own role.
    for (const roleId of ROLES) {
      const view = playerView(player(roleId));
      expect(view.phase).toBe('lobby');
      expect(view.me.roleId).toBe(roleId);
      expect(view.role.id).toBe(roleId);
      expect(view.computerRoles).toEqual([]);
    }

    for (const roleId of ROLES) await player(roleId).must({ type: 'ready' });
    await everyoneAt(all(), await facilitator.must({ type: 'start' }));
    for (const client of all()) expect(client.view.phase).toBe('briefing');

    let round = 0;
    while (facilitator.view.phase !== 'debrief') {
      const phase = facilitator.view.phase;
      if (phase === 'injects') round = facilitator.view.round;
      if (phase === 'deliberation') {
        await deliberate(round);
        continue;
      }
      if (phase === 'decision' && round === 2) {
        // The investor vetoes the savings plan (the scenario gives the investor that veto).
        const plan = facilitator.view.proposals.find(
          (p) => p.actionId === 'compute-savings-plan' && p.round === 2,
        );
        expect(plan?.status).toBe('open');
        await player('investor').must({
          type: 'veto',
          proposalId: plan!.id,
          rationale: 'It locks us in before the re-architecture.',
        });
      }
      await everyoneAt(all(), await facilitator.must({ type: 'advance' }));
      if (facilitator.view.phase === 'review') checkReview(facilitator.view.round);
    }

    // The debrief: outcome and score for everyone, the same seq everywhere.
    await everyoneAt(all(), facilitator.seq);
    for (const client of all()) {
      expect(client.view.phase).toBe('debrief');
      expect(client.view.score).not.toBeNull();
      expect(client.view.outcome).not.toBeNull();
      expect(client.seq).toBe(facilitator.seq);
    }
    expect(facilitator.view.rounds).toHaveLength(3);
    expect(facilitator.view.outcome).toEqual({ kind: 'completed' });
    expect(facilitator.view.sim.day).toBe(30);
    expect(facilitator.view.sim.series.days).toHaveLength(31);
  });

  /** Deliberation: the planned proposals, a review by the CFO, then everyone says ready (which closes the phase). */
  async function deliberate(round: number): Promise<void> {
    const { facilitator } = table;
    for (const step of PLAN[round] ?? []) await player(step.by).must(step.command);
    await everyoneAt(all(), facilitator.seq);
    const mine = facilitator.view.proposals.filter((p) => p.round === round);
    expect(mine.map((p) => p.actionId)).toEqual(
      (PLAN[round] ?? []).map((s) => (s.command as { actionId: string }).actionId),
    );
    const infra = mine.find((p) => p.proposer.roleId === 'head-of-infra');
    if (infra) {
      await player('cfo').must({
        type: 'approve',
        proposalId: infra.id,
        rationale: 'Cheap and it protects the primary.',
        confidence: 4,
      });
    }
    // Everyone done: the last "ready" advances the phase by itself.
    for (const roleId of ROLES) await player(roleId).must({ type: 'ready' });
    await everyoneAt(all(), facilitator.seq);
    expect(facilitator.view.phase).toBe('decision');
    for (const client of all()) expect(client.view.phase).toBe('decision');
  }

  /** After a resolution every viewer sees what the round decided and the simulation moved on. */
  function checkReview(round: number): void {
    const view = table.facilitator.view;
    const result = view.rounds.find((r) => r.round === round);
    expect(result).toBeDefined();
    expect(result!.toDay - result!.fromDay).toBe(10);
    const applied = result!.decisions.filter((d) => d.applied).map((d) => d.actionId);
    if (round === 1) expect(applied).toEqual(expect.arrayContaining(['connection-pooler', 'status-page']));
    if (round === 2) {
      expect(applied).toContain('read-replicas');
      expect(view.proposals.find((p) => p.actionId === 'compute-savings-plan')?.status).toBe('vetoed');
    }
    if (round === 3) expect(applied).toContain('on-call-rotation');
    for (const client of all()) expect(client.view.rounds.map((r) => r.round)).toContain(round);
  }

  it('delivered each inject to its audience only', () => {
    // board-strings goes to the CFO and the investor; stage-promise to the product lead.
    const received = (client: TestClient) =>
      new Set(client.views.flatMap((v) => v.view.injects.map((i) => i.id)));
    expect(received(player('cfo')).has('board-strings')).toBe(true);
    expect(received(player('investor')).has('board-strings')).toBe(true);
    expect(received(player('head-of-infra')).has('board-strings')).toBe(false);
    expect(received(player('product-lead')).has('board-strings')).toBe(false);
    expect(received(player('product-lead')).has('stage-promise')).toBe(true);
    expect(received(player('cfo')).has('stage-promise')).toBe(false);
    expect(received(screen).has('board-strings')).toBe(false);
    expect(received(screen).has('monday-login-storm')).toBe(true);
  });

  it('sent every view in order, each with a higher seq than the last', () => {
    for (const client of all()) {
      const seqs = client.views.map((v) => v.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
    }
  });
});
