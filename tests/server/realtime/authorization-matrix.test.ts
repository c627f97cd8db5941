import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app-server';
import { hashToken } from '../../../server/sessions/tokens';
import { parseScenario } from '../../../shared/scenario/parse';
import type { Action, Scenario } from '../../../shared/scenario/schema';
import { mayPropose, mayReview, mayVeto, mayVote } from '../../../shared/session/authority';
import { COMMAND_TYPES, type CommandType, FACILITATOR_COMMANDS } from '../../../shared/session/commands';
import { SESSION_PHASES, type SessionPhase } from '../../../shared/session/state';
import { createExercise, TestClient } from '../../helpers/socket-client';
import { NO_COMPUTER_PLAYERS, startRealtimeServer, UNLIMITED_RATE } from './table';

/**
 * Every command x every kind of viewer x every phase, generated from the command list so a new
 * command cannot be missed. The expected answer of each cell is written here from the rules the
 * exercise promises (who may issue what, in which phase); the role-by-role authority comes from
 * the scenario file through the same authority reading the session uses.
 */

const SCENARIO_ID = 'socialwave-hypergrowth';
const scenario: Scenario = (() => {
  const parsed = parseScenario(readFileSync(`scenarios/${SCENARIO_ID}.yaml`, 'utf8'), `${SCENARIO_ID}.yaml`);
  if (!parsed.ok) throw new Error('the flagship scenario does not parse');
  // The matrix proposes its repeatable actions many times a round, once per viewer and phase; it is
  // about who may act, not how often (repeat limits: tests/shared/session/repeat-limits.test.ts), so
  // its server plays the flagship with those actions unlimited.
  const many = ['cap-weekly-hours', 'feature-freeze', 'hire-contractors'];
  return {
    ...parsed.scenario,
    actions: parsed.scenario.actions.map((a) =>
      many.includes(a.id) ? { ...a, limits: { perRound: 1000 } } : a,
    ),
  };
})();
const scenarioDir = mkdtempSync(path.join(tmpdir(), 'matrix-scenarios-'));
writeFileSync(path.join(scenarioDir, `${SCENARIO_ID}.json`), JSON.stringify(scenario));
const ROLES = scenario.roles.map((r) => r.id);
const action = (id: string): Action => {
  const found = scenario.actions.find((a) => a.id === id);
  if (!found) throw new Error(`the flagship has no action ${id}`);
  return found;
};

// The proposals the matrix works on, chosen so that some roles may and others may not act on them.
const PROPOSE = action('cap-weekly-hours'); // repeatable: every allowed role can propose it in turn
const REVIEWED = action('monolith-extraction'); // decided by a vote; approvals from the CFO and architecture approvers
const VETOED = action('feature-freeze'); // repeatable; vetoable by the product roles
const WITHDRAWN = action('hire-contractors'); // repeatable; withdrawn only by its proposer
const OVERRIDDEN = action('read-replicas');
const WITHDRAWER = 'cfo';
const [FIRE, SKIP, RESCHEDULE] = ['region-outage', 'creator-exodus', 'ddos-attack'];
const CHECKPOINT = scenario.checkpoints.find((c) => c.deliverable !== undefined)!.id;

type Column = SessionPhase | 'paused';
const COLUMNS: Column[] = [...SESSION_PHASES, 'paused'];
type ViewerId = 'facilitator' | 'observer' | 'screen' | 'evaluator' | 'unauthenticated' | `player:${string}`;
const VIEWERS: ViewerId[] = [
  'facilitator',
  ...ROLES.map((r) => `player:${r}` as const),
  'observer',
  'screen',
  'evaluator',
  'unauthenticated',
];
/** Commands that move the exercise to another phase: when accepted they get a fixture of their own. */
const TERMINAL: readonly CommandType[] = [
  'start',
  'advance',
  'end',
  'pause',
  'resume',
  // Seating rules change what later cells of the column may do (joins): on an exercise of their own.
  'set-seating',
  'reserve-role',
];
const LIVE: readonly SessionPhase[] = [
  'briefing',
  'injects',
  'deliberation',
  'decision',
  'resolution',
  'review',
];

type Outcome = 'accepted' | string;
/** The table's commands around the exercise (issue 21), shared/session/decide-after-action.ts. */
const PLAYER_AFTER_ACTION: readonly CommandType[] = [
  'submit-deliverable',
  'answer-hot-wash',
  'submit-feedback',
];

function expected(column: Column, viewer: ViewerId, command: CommandType): Outcome {
  const paused = column === 'paused';
  const phase: SessionPhase = paused ? 'deliberation' : (column as SessionPhase);
  if (viewer === 'unauthenticated') {
    if (command !== 'join') return 'not-authenticated';
    return phase === 'ended' ? 'unknown-join-code' : 'accepted';
  }
  if (command === 'join') return 'already-authenticated';
  if (phase === 'ended') return 'ended';
  if (command === 'timer-expired') return 'not-authorized';
  if ((FACILITATOR_COMMANDS as readonly string[]).includes(command)) {
    return viewer === 'facilitator' ? facilitatorRule(command, phase, paused) : 'not-authorized';
  }
  if (command === 'observe') return viewer === 'evaluator' ? 'accepted' : 'not-authorized';
  const rounds = LIVE.includes(phase) && phase !== 'briefing';
  if (command === 'rate-deliverable')
    return viewer !== 'evaluator' ? 'not-authorized' : rounds ? 'accepted' : 'not-found';
  if (!viewer.startsWith('player:') && PLAYER_AFTER_ACTION.includes(command)) return 'not-authorized';
  if (command === 'submit-deliverable') return rounds ? 'accepted' : 'wrong-phase';
  if (command === 'answer-hot-wash' || command === 'submit-feedback')
    return phase === 'debrief' ? 'accepted' : 'wrong-phase';
  if (!viewer.startsWith('player:')) return 'not-authorized';
  const role = viewer.slice('player:'.length);
  if (command === 'message-facilitator') return 'accepted';
  if (command === 'ready') return phase === 'debrief' ? 'wrong-phase' : paused ? 'paused' : 'accepted';
  if (phase !== 'deliberation' && phase !== 'decision') return 'wrong-phase';
  if (paused) return 'paused';
  const allowed = (ok: boolean) => (ok ? 'accepted' : 'outside-authority');
  switch (command) {
    case 'propose':
      return allowed(mayPropose(scenario, role, PROPOSE));
    case 'withdraw':
      return role === WITHDRAWER ? 'accepted' : 'not-authorized';
    case 'approve':
    case 'reject':
      return allowed(mayReview(scenario, role, REVIEWED));
    case 'veto':
      return allowed(mayVeto(scenario, role, VETOED));
    case 'vote':
      return allowed(mayVote(scenario, role, REVIEWED));
    default:
      throw new Error(`no rule for ${command}`);
  }
}

function facilitatorRule(command: CommandType, phase: SessionPhase, paused: boolean): Outcome {
  const live = LIVE.includes(phase);
  switch (command) {
    case 'start':
      return phase === 'lobby' ? 'accepted' : 'wrong-phase';
    case 'advance':
      return phase === 'lobby' ? 'wrong-phase' : paused ? 'paused' : 'accepted';
    case 'extend':
    case 'fire-inject':
      return live ? 'accepted' : 'wrong-phase';
    case 'pause':
      return !live ? 'wrong-phase' : paused ? 'conflict' : 'accepted';
    case 'resume':
      return paused ? 'accepted' : 'conflict';
    case 'mark-debrief-item':
    case 'judge-secret-objective':
    case 'edit-report':
      return phase === 'debrief' ? 'accepted' : 'wrong-phase';
    case 'import-corrective-actions':
      return phase === 'debrief' ? 'wrong-phase' : 'accepted';
    case 'override-decision':
      if (phase === 'lobby' || phase === 'briefing' || phase === 'injects') return 'not-found';
      return phase === 'deliberation' || phase === 'decision' ? 'accepted' : 'already-decided';
    default:
      return 'accepted';
  }
}

interface Fixture {
  sessionId: string;
  joinCode: string;
  facilitator: TestClient;
  clients: Map<ViewerId, TestClient>;
  spare: { playerId: string; roleId: string };
  revocableHash: string;
  proposals: { reviewed: string; vetoed: string; withdrawn: string; overridden: string } | undefined;
  /** The session's seq as last confirmed. */
  seq: number;
  /** A connection that has not joined or signed in; replaced once a cell makes it join. */
  guest: TestClient;
  close(): void;
}

let server: RunningServer;
const toClose: TestClient[] = [];

async function connect(): Promise<TestClient> {
  const client = await TestClient.connect(server.url);
  toClose.push(client);
  return client;
}

async function credential(
  facilitator: TestClient,
  sessionId: string,
  kind: 'observer' | 'screen' | 'evaluator',
  name: string,
) {
  const issued = await facilitator.emit('issue-credential', { kind, name });
  if (!issued.ok) throw new Error(`issuing ${kind}: ${issued.code}`);
  const client = await connect();
  const auth = await client.authenticate(sessionId, issued.token);
  if (!auth.ok) throw new Error(`${kind} sign-in: ${auth.code}`);
  return { client, token: issued.token };
}

async function joinAs(joinCode: string, roleId: string | undefined, name: string) {
  const client = await connect();
  const joined = await client.join(joinCode, name, roleId);
  if (!joined.ok) throw new Error(`join ${roleId}: ${joined.code} ${joined.message}`);
  return { client, playerId: (joined.identity as { playerId: string }).playerId };
}

async function propose(
  client: TestClient,
  target: Action,
  params: Record<string, number> = {},
): Promise<string> {
  const before = new Set(client.view.proposals.map((p) => p.id));
  const seq = await client.must({
    type: 'propose',
    actionId: target.id,
    params,
    rationale: 'For the matrix.',
  });
  await client.untilSeq(seq);
  const created = client.view.proposals.find((p) => !before.has(p.id));
  if (!created) throw new Error('the proposal did not appear');
  return created.id;
}

/** Brings a new exercise to `column`. `full`: every kind of viewer connected and the proposals the cells act on. */
async function fixture(column: Column, full: boolean): Promise<Fixture> {
  const exercise = await createExercise(server.url, SCENARIO_ID, { seed: 99 });
  const facilitator = await connect();
  await facilitator.authenticate(exercise.sessionId, exercise.facilitatorToken);
  const clients = new Map<ViewerId, TestClient>([['facilitator', facilitator]]);
  let spare = { playerId: '', roleId: '' };
  let revocableHash = '';
  if (full) {
    for (const kind of ['observer', 'screen', 'evaluator'] as const) {
      clients.set(kind, (await credential(facilitator, exercise.sessionId, kind, `The ${kind}`)).client);
    }
    revocableHash = hashToken(
      (await credential(facilitator, exercise.sessionId, 'observer', 'Revocable')).token,
    );
    for (const roleId of ROLES)
      clients.set(`player:${roleId}`, (await joinAs(exercise.joinCode, roleId, roleId)).client);
    const joined = await joinAs(exercise.joinCode, 'people-lead', 'Spare');
    spare = { playerId: joined.playerId, roleId: 'people-lead' };
  }
  const path: SessionPhase[] = ['briefing', 'injects', 'deliberation', 'decision', 'resolution', 'review'];
  const target = column === 'paused' ? 'deliberation' : column;
  let proposals: Fixture['proposals'];
  if (target !== 'lobby') {
    await facilitator.must({ type: 'start' });
    for (const phase of path.slice(1)) {
      if (path.indexOf(phase) > path.indexOf(target as SessionPhase) && LIVE.includes(target as SessionPhase))
        break;
      await facilitator.must({ type: 'advance' });
      if (phase === 'deliberation' && full) {
        const player = (role: string) => clients.get(`player:${role}`)!;
        proposals = {
          reviewed: await propose(player('head-of-infra'), REVIEWED),
          vetoed: await propose(player('product-lead'), VETOED),
          withdrawn: await propose(player(WITHDRAWER), WITHDRAWN),
          overridden: await propose(player('head-of-infra'), OVERRIDDEN),
        };
      }
    }
    if (column === 'paused') await facilitator.must({ type: 'pause' });
    if (target === 'debrief' || target === 'ended') await facilitator.must({ type: 'end' });
    if (target === 'ended') await facilitator.must({ type: 'advance' });
  }
  const synced = await facilitator.emit('sync', { lastSeq: 0 });
  if (!synced.ok) throw new Error('sync failed');
  await facilitator.untilSeq(synced.seq);
  const phase = facilitator.view.paused ? 'paused' : facilitator.view.phase;
  if (phase !== column) throw new Error(`fixture reached ${phase}, not ${column}`);
  return {
    sessionId: exercise.sessionId,
    joinCode: exercise.joinCode,
    facilitator,
    clients,
    spare,
    revocableHash,
    proposals,
    seq: synced.seq,
    guest: await connect(),
    close: () => {
      for (const client of clients.values()) client.close();
    },
  };
}

/** The payload of one cell; for a cell expected to succeed, prepares what it consumes (a fresh proposal, player...). */
async function payload(
  fx: Fixture,
  viewer: ViewerId,
  command: CommandType,
  accepted: boolean,
): Promise<{ body: unknown; logged: boolean }> {
  const consumes =
    accepted &&
    (command === 'remove-player' || command === 'withdraw' || command === 'veto' || command === 'admit-join');
  return { body: await body(fx, viewer, command, accepted), logged: consumes };
}

async function body(
  fx: Fixture,
  viewer: ViewerId,
  command: CommandType,
  accepted: boolean,
): Promise<unknown> {
  const p = fx.proposals;
  const role = viewer.startsWith('player:') ? viewer.slice('player:'.length) : '';
  const client = fx.clients.get(viewer);
  switch (command) {
    case 'start':
    case 'advance':
    case 'pause':
    case 'resume':
    case 'end':
    case 'ready':
      return { type: command };
    case 'extend':
      return { type: 'extend', seconds: 30 };
    case 'fire-inject':
      return { type: command, injectId: FIRE };
    case 'skip-inject':
      return { type: command, injectId: SKIP };
    case 'reschedule-inject':
      return { type: command, injectId: RESCHEDULE, trigger: { type: 'day', day: 88 } };
    case 'add-inject':
      return {
        type: command,
        inject: { title: 'A live inject', body: 'Written during the exercise.', channel: 'news' },
        trigger: { type: 'day', day: 88 },
      };
    case 'edit-inject':
      // The facilitator's add-inject (an earlier row) wrote live-1.
      return {
        type: command,
        injectId: 'live-1',
        inject: { title: 'A live inject, edited', body: 'Rewritten before it was sent.', channel: 'email' },
      };
    case 'override-decision':
      return {
        type: command,
        proposalId: p?.overridden ?? 'proposal-1',
        decision: 'approve',
        reason: 'The board insists.',
      };
    case 'assign-role': {
      const to = fx.spare.roleId === 'people-lead' ? 'legal-trust' : 'people-lead';
      if (accepted) fx.spare.roleId = to;
      return { type: command, playerId: fx.spare.playerId, roleId: to };
    }
    case 'remove-player':
      return {
        type: command,
        playerId: accepted ? (await joinAs(fx.joinCode, undefined, 'Leaving')).playerId : fx.spare.playerId,
      };
    case 'broadcast':
      return { type: command, body: 'Ten minutes left in this phase.' };
    case 'message-player':
      return { type: command, playerId: fx.spare.playerId, body: 'A word about your last proposal.' };
    case 'issue-credential':
      return { kind: 'observer', name: 'Extra observer' };
    case 'revoke-token':
      return { type: command, tokenHash: fx.revocableHash };
    case 'issue-credentials':
      return { kind: 'observer', names: ['Row 1', 'Row 2'] };
    case 'set-seating':
      return { type: command, approval: true };
    case 'reserve-role':
      return { type: command, roleId: ROLES[0], reserved: true };
    case 'admit-join': {
      if (!accepted) return { type: command, requestId: 'join-1', admit: true };
      // A join waiting for approval: approval on, a guest joins, approval off again.
      await fx.facilitator.must({ type: 'set-seating', approval: true });
      const guest = await connect();
      const asked = await guest.join(fx.joinCode, 'Waiting');
      guest.close();
      if (!asked.ok || !asked.pending) throw new Error('the join did not wait for approval');
      await fx.facilitator.must({ type: 'set-seating', approval: false });
      const view = fx.facilitator.view;
      const request = view.kind === 'facilitator' ? view.joinRequests.at(-1) : undefined;
      return { type: command, requestId: request?.id ?? 'join-1', admit: true };
    }
    case 'join':
      return { joinCode: fx.joinCode, name: 'Latecomer' };
    case 'propose':
      return { type: command, actionId: PROPOSE.id, rationale: 'Cap the hours before people quit.' };
    case 'withdraw':
      return {
        type: command,
        proposalId: accepted ? await propose(client!, WITHDRAWN) : (p?.withdrawn ?? 'proposal-1'),
      };
    case 'approve':
    case 'reject':
      return {
        type: command,
        proposalId: p?.reviewed ?? 'proposal-1',
        rationale: 'Weighed it.',
        confidence: 3,
      };
    case 'veto':
      return {
        type: command,
        proposalId:
          accepted && role
            ? await propose(fx.clients.get('player:product-lead')!, VETOED)
            : (p?.vetoed ?? 'proposal-1'),
        rationale: 'Not now.',
      };
    case 'vote':
      return {
        type: command,
        proposalId: p?.reviewed ?? 'proposal-1',
        vote: 'yes',
        rationale: 'Worth it.',
        confidence: 4,
      };
    case 'message-facilitator':
      return { type: command, body: 'Can we have five more minutes?' };
    case 'observe':
      return {
        type: command,
        target: { kind: 'objective', id: scenario.objectives[0]!.id },
        rating: 4,
        note: 'Clear owner.',
      };
    case 'submit-deliverable':
      return { type: command, checkpointId: CHECKPOINT, sections: [{ roleId: ROLES[0], text: 'Our plan.' }] };
    case 'rate-deliverable':
      if (accepted)
        await fx.clients
          .get(`player:${ROLES[0]}`)!
          .must((await body(fx, `player:${ROLES[0]}`, 'submit-deliverable', true)) as never);
      return {
        type: command,
        checkpointId: CHECKPOINT,
        dimensionId: scenario.scoring.rubric[0]!.id,
        rating: 4,
      };
    case 'answer-hot-wash':
      return { type: command, question: 0, answer: 'We decided late.' };
    case 'submit-feedback':
      return { type: command, ratings: [4, 4, 4, 4, 4] };
    case 'mark-debrief-item': {
      if (accepted) {
        const seq = await fx.clients
          .get(`player:${ROLES[0]}`)!
          .must({ type: 'answer-hot-wash', question: 0, answer: 'To mark.' });
        await fx.facilitator.untilSeq(seq);
      }
      const last = fx.facilitator.view.afterAction?.hotWash.at(-1)?.id;
      return { type: command, itemId: last ?? 'hot-wash-1', mark: 'strength' };
    }
    case 'judge-secret-objective':
      return {
        type: command,
        roleId: scenario.roles.find((r) => r.secretObjectives.length > 0)!.id,
        index: 0,
        met: true,
      };
    case 'edit-report':
      return {
        type: command,
        edit: {
          kind: 'analysis',
          objectiveId: scenario.objectives[0]!.id,
          strengths: ['Clear owner.'],
          improvements: [],
        },
      };
    case 'import-corrective-actions':
      return {
        type: command,
        scenarioId: SCENARIO_ID,
        actions: [
          {
            fromSessionId: 'an-earlier-one',
            actionId: 'ip-1',
            issue: 'Slow',
            correctiveAction: 'Drill',
            capability: 'Leadership',
            owner: 'CTO',
            objectiveIds: [],
          },
        ],
      };
    case 'timer-expired':
      return { type: command, deadline: 1 };
  }
}

async function send(client: TestClient, command: CommandType, body: unknown) {
  if (command === 'join') return client.emit('join', body);
  if (command === 'issue-credential') return client.emit('issue-credential', body);
  if (command === 'issue-credentials') return client.emit('issue-credentials', body);
  return client.command(body as Record<string, unknown>);
}

async function currentSeq(fx: Fixture): Promise<number> {
  const ack = await fx.facilitator.emit('sync', { lastSeq: fx.seq });
  if (!ack.ok) throw new Error('sync failed');
  return ack.seq;
}

interface CellResult {
  column: Column;
  viewer: ViewerId;
  command: CommandType;
  want: Outcome;
  got: Outcome;
  changed: boolean;
}

async function runCell(
  fx: Fixture,
  column: Column,
  viewer: ViewerId,
  command: CommandType,
): Promise<CellResult> {
  const want = expected(column, viewer, command);
  const prepared = await payload(fx, viewer, command, want === 'accepted');
  // Preparing may itself log events (a fresh proposal or player); the cell is judged from here.
  if (prepared.logged) fx.seq = await currentSeq(fx);
  const client = viewer === 'unauthenticated' ? fx.guest : fx.clients.get(viewer)!;
  const ack = await send(client, command, prepared.body);
  if (viewer === 'unauthenticated' && ack.ok) fx.guest = await connect();
  const after = await currentSeq(fx);
  const changed = after !== fx.seq;
  fx.seq = after;
  return { column, viewer, command, want, got: ack.ok ? 'accepted' : ack.code, changed };
}

describe('authorization matrix over real sockets: every command x every viewer x every phase', () => {
  const results: CellResult[] = [];

  afterAll(async () => {
    for (const client of toClose) client.close();
    await server.close();
  });

  it('picked proposals on which some roles may act and others may not', () => {
    for (const check of [
      (r: string) => mayPropose(scenario, r, PROPOSE),
      (r: string) => mayReview(scenario, r, REVIEWED),
      (r: string) => mayVeto(scenario, r, VETOED),
      (r: string) => mayVote(scenario, r, REVIEWED),
    ]) {
      expect(ROLES.some(check)).toBe(true);
    }
    expect(ROLES.some((r) => !mayReview(scenario, r, REVIEWED))).toBe(true);
    expect(ROLES.some((r) => !mayVeto(scenario, r, VETOED))).toBe(true);
    expect(ROLES.some((r) => !mayPropose(scenario, r, PROPOSE))).toBe(true);
  });

  /** One column: a fully seated exercise in that phase, then the phase-changing cells on exercises of their own. */
  async function runColumn(column: Column): Promise<CellResult[]> {
    const cells: CellResult[] = [];
    const fx = await fixture(column, true);
    const deferred: { viewer: ViewerId; command: CommandType }[] = [];
    for (const command of COMMAND_TYPES) {
      for (const viewer of VIEWERS) {
        if (TERMINAL.includes(command) && expected(column, viewer, command) === 'accepted') {
          deferred.push({ viewer, command });
          continue;
        }
        cells.push(await runCell(fx, column, viewer, command));
      }
    }
    fx.close();
    for (const { viewer, command } of deferred) {
      const own = await fixture(column, false);
      cells.push(await runCell(own, column, viewer, command));
      own.close();
    }
    return cells;
  }

  beforeAll(async () => {
    server = await startRealtimeServer({ ...NO_COMPUTER_PLAYERS, ...UNLIMITED_RATE, scenarioDir });
    // The columns are independent exercises: play them side by side.
    for (const cells of await Promise.all(COLUMNS.map(runColumn))) results.push(...cells);
  }, 120_000);

  for (const column of COLUMNS) {
    it(`answers every cell right in ${column}`, () => {
      const cells = results.filter((r) => r.column === column);
      expect(cells).toHaveLength(COMMAND_TYPES.length * VIEWERS.length);
      const wrong = cells.filter((r) => r.got !== r.want);
      expect(wrong.map((r) => `${r.command} by ${r.viewer}: want ${r.want}, got ${r.got}`)).toEqual([]);
      // A refused command changes nothing; an accepted one is logged.
      const silent = cells.filter((r) => r.changed !== (r.got === 'accepted'));
      expect(silent.map((r) => `${r.command} by ${r.viewer} (${r.got}) changed=${r.changed}`)).toEqual([]);
    });
  }

  it('covered every cell, and every command a client may send succeeds somewhere', () => {
    expect(results).toHaveLength(COMMAND_TYPES.length * VIEWERS.length * COLUMNS.length);
    const neverAccepted = COMMAND_TYPES.filter(
      (command) => !results.some((r) => r.command === command && r.got === 'accepted'),
    );
    // The scheduler's timer expiry is the one command no client may send.
    expect(neverAccepted).toEqual(['timer-expired']);
  });
});
