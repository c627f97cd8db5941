import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app-server';
import type { ClientCommand, ViewEvent } from '../../../shared/protocol/events';
import type { LogEntry } from '../../../shared/session/log';
import { replay } from '../../../shared/session/replay';
import { project } from '../../../shared/views/project';
import type { Viewer } from '../../../shared/views/viewer';
import { TestClient } from '../../helpers/socket-client';
import { everyoneAt, NO_COMPUTER_PLAYERS, seatTable, startRealtimeServer, UNLIMITED_RATE } from './table';

/**
 * Issue 19: after its first whole view a socket is sent RFC 6902 patches. Property: for any run of
 * commands, the view each socket builds from the patches it received equals a fresh projection of
 * the session at that seq, computed here from the exported log (replay, then project). Real
 * sockets on loopback; two observers share a viewer key (one socket.io room, one encoded packet).
 */
const SCENARIO = 'socialwave-first-30-days';
const ROLES = ['head-of-infra', 'cfo', 'product-lead', 'investor'] as const;
const ACTIONS = ['connection-pooler', 'read-replicas', 'cache-cluster', 'status-page', 'on-call-rotation'];

type Step =
  | { kind: 'advance' }
  | { kind: 'propose'; role: number; action: number }
  | { kind: 'review'; role: number; proposal: number; approve: boolean }
  | { kind: 'vote'; role: number; proposal: number; yes: boolean }
  | { kind: 'message'; role: number; body: string }
  | { kind: 'broadcast'; body: string; toRole: number | null }
  | { kind: 'ready'; role: number }
  | { kind: 'observer' };

const role = fc.nat({ max: ROLES.length - 1 });
const proposal = fc.nat({ max: 5 });
const text = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'advance' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('propose' as const),
      role,
      action: fc.nat({ max: ACTIONS.length - 1 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('review' as const), role, proposal, approve: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('vote' as const), role, proposal, yes: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('message' as const), role, body: text }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('broadcast' as const),
      body: text,
      toRole: fc.option(role, { nil: null }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ready' as const), role }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'observer' as const }) },
);

describe('view patches (issue 19)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startRealtimeServer({ ...UNLIMITED_RATE, ...NO_COMPUTER_PLAYERS });
  });
  afterAll(async () => {
    await server.close();
  });

  it('the patches a socket receives always rebuild a fresh projection at that seq', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 18 }), async (steps) => {
        const table = await seatTable(server.url, SCENARIO, ROLES);
        const extra: TestClient[] = [];
        try {
          const { facilitator, exercise } = table;
          const players = ROLES.map((r) => table.players.get(r)!);
          const watchers: { client: TestClient; viewer: Viewer }[] = [
            { client: facilitator, viewer: { kind: 'facilitator' } },
            ...players.map((client) => {
              const view = client.view;
              if (view.kind !== 'player') throw new Error('expected a player view');
              return { client, viewer: { kind: 'player' as const, playerId: view.me.id } };
            }),
          ];
          for (const kind of ['screen', 'observer', 'observer'] as const) {
            const issued = await facilitator.emit('issue-credential', { kind, name: `The ${kind}` });
            if (!issued.ok) throw new Error(issued.code);
            const client = await TestClient.connect(server.url);
            extra.push(client);
            await client.authenticate(exercise.sessionId, issued.token);
            watchers.push({ client, viewer: { kind } });
          }
          await facilitator.must({ type: 'start' });
          for (const s of steps) {
            const seq = await apply(s, facilitator, players);
            if (seq === undefined) continue;
            await everyoneAt(
              watchers.map((w) => w.client),
              seq,
            );
            await expectFresh(server.url, exercise.sessionId, exercise.facilitatorToken, watchers);
          }
          // The rebuilt views were built from patches, not only from whole views.
          const patched = watchers.reduce((n, w) => n + w.client.patches.length, 0);
          expect(patched).toBeGreaterThan(0);
          for (const w of watchers) expect(w.client.patchFailures).toEqual([]);
        } finally {
          for (const client of extra) client.close();
          table.close();
        }
      }),
      { numRuns: 6, endOnFailure: true },
    );
  }, 240_000);
});

/** Sends the step's command; the seq it logged, or undefined when it was refused (nothing changed). */
async function apply(s: Step, facilitator: TestClient, players: TestClient[]): Promise<number | undefined> {
  const proposals = facilitator.view.proposals.filter((p) => p.status === 'open');
  const pick = (i: number) => proposals[i % Math.max(proposals.length, 1)]?.id ?? 'none';
  const send = async (client: TestClient, command: ClientCommand) => {
    const ack = await client.command(command);
    return ack.ok ? ack.seq : undefined;
  };
  const player = (i: number) => players[i]!;
  switch (s.kind) {
    case 'advance':
      return send(facilitator, { type: 'advance' });
    case 'propose':
      return send(player(s.role), {
        type: 'propose',
        actionId: ACTIONS[s.action]!,
        rationale: 'We need it.',
      });
    case 'review':
      return send(player(s.role), {
        type: s.approve ? 'approve' : 'reject',
        proposalId: pick(s.proposal),
        rationale: 'Considered.',
        confidence: 3,
      });
    case 'vote':
      return send(player(s.role), { type: 'vote', proposalId: pick(s.proposal), vote: s.yes ? 'yes' : 'no' });
    case 'message':
      return send(player(s.role), { type: 'message-facilitator', body: s.body });
    case 'broadcast':
      return send(facilitator, {
        type: 'broadcast',
        body: s.body,
        audience: s.toRole === null ? 'all' : [ROLES[s.toRole]!],
      });
    case 'ready':
      return send(player(s.role), { type: 'ready' });
    case 'observer': {
      const ack = await facilitator.emit('issue-credential', { kind: 'observer', name: 'Late observer' });
      return ack.ok ? ack.seq : undefined;
    }
  }
}

/** Each watcher's latest view equals the projection, for its viewer, of the exported log replayed up to that view's seq. */
async function expectFresh(
  url: string,
  sessionId: string,
  facilitatorToken: string,
  watchers: { client: TestClient; viewer: Viewer }[],
): Promise<void> {
  const res = await fetch(`${url}/api/sessions/${sessionId}/export`, {
    headers: { authorization: `Bearer ${facilitatorToken}` },
  });
  const exported = (await res.json()) as { events: LogEntry[] };
  for (const { client, viewer } of watchers) {
    const held: ViewEvent = client.views[client.views.length - 1]!;
    const state = replay(exported.events.filter((e) => e.seq <= held.seq));
    const fresh = JSON.parse(JSON.stringify(project(state, viewer)));
    expect(held.view, `${viewer.kind} at seq ${held.seq}`).toEqual(fresh);
  }
}
