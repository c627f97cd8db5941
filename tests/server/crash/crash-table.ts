import type { ClientCommand, ViewEvent } from '../../../shared/protocol/events';
import type { Scenario } from '../../../shared/scenario/schema';
import type { Actor } from '../../../shared/session/actor';
import type { View } from '../../../shared/views/view';
import { createExercise, TestClient } from '../../helpers/socket-client';
import type { SeededRandom } from './seeded-random';

/**
 * One exercise played by socket clients for the crash tests: a facilitator and one player per
 * required role (so no computer player acts on its own), each sending a seeded mix of commands
 * as fast as the production rate limit allows. Every acknowledged command is remembered with what
 * the event at its seq must look like, so a test can check the log after a crash.
 */

export const SCENARIO = 'socialwave-first-30-days';
export const ROLES = ['head-of-infra', 'cfo', 'product-lead', 'investor'] as const;

/** A command the server acknowledged, and what the logged event at its seq must be. */
export interface AckedCommand {
  seq: number;
  /** The event at `seq` has one of these types... */
  types: readonly string[];
  /** ...and these fields in its data (the actor, the text that was sent). */
  data: Record<string, unknown>;
}

interface Seat {
  name: string;
  token: string;
  actor: Actor;
  random: SeededRandom;
  client: TestClient | undefined;
}

const DECIDING_PHASES = ['deliberation', 'decision'];
const LIVE_PHASES = ['injects', 'deliberation', 'decision', 'resolution', 'review'];

export class CrashTable {
  readonly sessionId: string;
  readonly facilitatorToken: string;
  readonly acked: AckedCommand[] = [];
  /** Texts of messages refused by `messageFromEverySeat`, to check that none of them reached the log. */
  readonly refusedTexts: string[] = [];
  /** Commands still unanswered when the server died: proof that the kills hit commands in flight. */
  unansweredAtCrash = 0;
  readonly #seats: Seat[];
  readonly #tag: string;
  #scenario: Scenario | undefined;
  #sent = 0;

  private constructor(sessionId: string, facilitatorToken: string, seats: Seat[], tag: string) {
    this.sessionId = sessionId;
    this.facilitatorToken = facilitatorToken;
    this.#seats = seats;
    this.#tag = tag;
  }

  /** Creates the exercise over REST, seats the facilitator and four players, starts it and opens round 1. */
  static async create(url: string, random: SeededRandom, tag: string): Promise<CrashTable> {
    const exercise = await createExercise(url, SCENARIO, { seed: random.int(1, 2 ** 31 - 2) });
    const facilitator: Seat = {
      name: 'facilitator',
      token: exercise.facilitatorToken,
      actor: { kind: 'facilitator' },
      random: random.fork(),
      client: await TestClient.connect(url),
    };
    const table = new CrashTable(exercise.sessionId, exercise.facilitatorToken, [facilitator], tag);
    await table.#authenticate(facilitator);
    for (const roleId of ROLES) {
      const client = await TestClient.connect(url);
      const name = `${tag} ${roleId} ✓`;
      const joined = await client.join(exercise.joinCode, name, roleId);
      if (!joined.ok) throw new Error(`joining as ${roleId} failed: ${joined.code} ${joined.message}`);
      if (joined.identity.kind !== 'player') throw new Error(`joined as ${joined.identity.kind}`);
      const playerId = joined.identity.playerId;
      table.acked.push({ seq: joined.seq, types: ['player-joined'], data: { playerId, name } });
      table.#seats.push({
        name: roleId,
        token: joined.token,
        actor: { kind: 'player', playerId },
        random: random.fork(),
        client,
      });
    }
    for (const command of [{ type: 'start' }, { type: 'advance' }] as const) {
      const ack = await table.facilitatorClient.command(command);
      if (!ack.ok) throw new Error(`${command.type} refused: ${ack.code} ${ack.message}`);
      table.#remember(ack.seq, facilitator, command);
    }
    return table;
  }

  /**
   * Connects and signs in every seat on a (restarted) server. Resolves with the facilitator's first
   * view: the state the server restored, before this table sent anything.
   */
  async connect(url: string): Promise<ViewEvent> {
    for (const seat of this.#seats) {
      seat.client = await TestClient.connect(url);
      await this.#authenticate(seat);
    }
    const first = this.#facilitator().client?.views[0];
    if (!first) throw new Error('the facilitator got no view on sign-in');
    return first;
  }

  /**
   * Every seat sends commands until `stopped()` says so or its connection dies (the server was
   * killed: a command in flight then fails, which is fine, it was never acknowledged).
   */
  async play(stopped: () => boolean): Promise<void> {
    await Promise.all(this.#seats.map((seat) => this.#playSeat(seat, stopped)));
  }

  /** Sends one message from each seat in turn (the first `seats` only, if given); returns each ack and its time. */
  async messageFromEverySeat(seats = this.#seats.length): Promise<Array<{ ack: CommandAck; ms: number }>> {
    const answers = [];
    for (const seat of this.#seats.slice(0, seats)) {
      const command = this.#message(seat);
      const started = performance.now();
      const ack = await this.#client(seat).command(command);
      const ms = performance.now() - started;
      if (ack.ok) this.#remember(ack.seq, seat, command);
      else this.refusedTexts.push(command.body);
      answers.push({ ack, ms });
    }
    return answers;
  }

  get facilitatorClient(): TestClient {
    return this.#client(this.#facilitator());
  }

  disconnect(): void {
    for (const seat of this.#seats) {
      seat.client?.close();
      seat.client = undefined;
    }
  }

  async #playSeat(seat: Seat, stopped: () => boolean): Promise<void> {
    const client = this.#client(seat);
    while (!stopped() && client.socket.connected) {
      const command = this.#choose(seat, client.view);
      let ack: CommandAck;
      try {
        ack = await client.command(command);
      } catch {
        this.unansweredAtCrash++; // disconnected: the server is gone, this command was never acknowledged
        return;
      }
      if (ack.ok) this.#remember(ack.seq, seat, command);
      // The production limit is a burst of 20, then 10 per second per connection.
      await sleep(!ack.ok && ack.code === 'rate-limited' ? 100 : seat.random.int(10, 60));
    }
  }

  #choose(seat: Seat, view: View): ClientCommand {
    const r = seat.random.next();
    if (seat.actor.kind === 'facilitator') {
      if (view.paused) return r < 0.5 ? { type: 'resume' } : this.#message(seat);
      if (r < 0.05 && this.#mayAdvance(view)) return { type: 'advance' };
      if (r < 0.08 && LIVE_PHASES.includes(view.phase)) return { type: 'pause' };
      if (r < 0.1 && LIVE_PHASES.includes(view.phase)) return { type: 'extend', seconds: 30 };
      return this.#message(seat);
    }
    if (r < 0.2 && DECIDING_PHASES.includes(view.phase)) {
      const actionId = this.#proposable(seat.name, seat.random);
      if (actionId) return { type: 'propose', actionId, rationale: this.#text(seat.name, 'because') };
    }
    if (r < 0.4 && DECIDING_PHASES.includes(view.phase)) {
      const { playerId } = seat.actor as { playerId: string };
      const open = view.proposals.filter((p) => p.status === 'open' && p.proposer.by !== playerId);
      if (open.length > 0) {
        return {
          type: 'approve',
          proposalId: seat.random.pick(open).id,
          rationale: this.#text(seat.name, 'agreed'),
          confidence: seat.random.int(1, 5),
        };
      }
    }
    if (r > 0.95 && this.#mayAdvance(view)) return { type: 'ready' };
    return this.#message(seat);
  }

  /** Never past the last round's review: the game must not end while the test still plays it. */
  #mayAdvance(view: View): boolean {
    const rounds = this.#scenario?.rounds.count ?? 1;
    if (!LIVE_PHASES.includes(view.phase) && view.phase !== 'briefing') return false;
    return !(view.phase === 'review' && view.round >= rounds);
  }

  #proposable(roleId: string, random: SeededRandom): string | undefined {
    const scenario = this.#scenario;
    const role = scenario?.roles.find((r) => r.id === roleId);
    if (!scenario || !role) return undefined;
    const actions = scenario.actions.filter((action) =>
      action.proposers ? action.proposers.includes(roleId) : role.authority.propose.includes(action.category),
    );
    return actions.length > 0 ? random.pick(actions).id : undefined;
  }

  #message(seat: Seat): Extract<ClientCommand, { body: string }> {
    return seat.actor.kind === 'facilitator'
      ? { type: 'broadcast', body: this.#text(seat.name, 'broadcast'), audience: 'all' }
      : { type: 'message-facilitator', body: this.#text(seat.name, 'message') };
  }

  /** A text no other command of the test carries, so its event can be found in the log. */
  #text(who: string, what: string): string {
    return `${this.#tag} ${who} ${what} #${++this.#sent} — «ü»`;
  }

  #remember(seq: number, seat: Seat, command: ClientCommand): void {
    const actor = seat.actor;
    const expected = ((): Omit<AckedCommand, 'seq'> => {
      switch (command.type) {
        case 'broadcast':
        case 'message-facilitator':
          return { types: ['message-sent'], data: { actor, body: command.body } };
        case 'propose':
          return { types: ['proposal-submitted'], data: { actor, rationale: command.rationale } };
        case 'approve':
          return {
            types: ['proposal-reviewed'],
            data: { actor, rationale: command.rationale, proposalId: command.proposalId },
          };
        case 'ready':
          // The last participant's "ready" also closes the phase, in the same command.
          return { types: ['player-ready', 'phase-advanced'], data: { actor } };
        case 'advance':
          return { types: ['phase-advanced'], data: { actor, cause: 'facilitator' } };
        case 'start':
          return { types: ['exercise-started'], data: { actor } };
        case 'pause':
          return { types: ['session-paused'], data: { actor } };
        case 'resume':
          return { types: ['session-resumed'], data: { actor } };
        case 'extend':
          return { types: ['timer-extended'], data: { actor, ms: (command.seconds ?? 30) * 1000 } };
        default:
          throw new Error(`the crash table does not send ${command.type}`);
      }
    })();
    this.acked.push({ seq, ...expected });
  }

  async #authenticate(seat: Seat): Promise<void> {
    const client = this.#client(seat);
    let ack = await client.authenticate(this.sessionId, seat.token);
    // With Redis, the killed server's lease blocks the session until it expires (LEASE_MS): the
    // restarted server answers session-closed until then, and a client signs in again, as the
    // browser does (client/src/hooks/use-session.ts).
    const deadline = Date.now() + 15_000;
    while (!ack.ok && ack.code === 'session-closed' && Date.now() < deadline) {
      await sleep(250);
      ack = await client.authenticate(this.sessionId, seat.token);
    }
    if (!ack.ok) throw new Error(`${seat.name} could not sign in: ${ack.code} ${ack.message}`);
    if (seat.actor.kind === 'facilitator') {
      const scenario = client.scenarios[0];
      if (scenario?.kind === 'full') this.#scenario = scenario.scenario;
    }
  }

  #facilitator(): Seat {
    return this.#seats[0] as Seat;
  }

  #client(seat: Seat): TestClient {
    if (!seat.client) throw new Error(`${seat.name} is not connected`);
    return seat.client;
  }
}

type CommandAck = Awaited<ReturnType<TestClient['command']>>;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
