import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Ack, AckError } from '../../shared/protocol/ack';
import { ackError } from '../../shared/protocol/ack';
import {
  CLIENT_EVENT_SCHEMAS,
  type ClientEventName,
  GATEWAY_STAMPED_COMMANDS,
  type Identity,
  type ServerToClientEvents,
} from '../../shared/protocol/events';
import type { Actor } from '../../shared/session/actor';
import { type Command, parseCommand } from '../../shared/session/commands';
import { authenticate, findCredential } from '../../shared/session/credentials';
import type { CommandResult } from '../../shared/session/decision';
import { pendingJoins } from '../../shared/session/seating';
import type { SessionState } from '../../shared/session/state';
import { type Viewer, viewerOf } from '../../shared/views/viewer';
import type { SocketRelay } from '../cluster/socket-relay';
import type { SessionRuntime } from '../game/session-runtime';
import { corsOptions } from '../http/cors';
import type { Logger } from '../logger';
import type { ServerMetrics } from '../metrics';
import type { JoinDesk } from '../sessions/join-desk';
import { hashToken, newToken } from '../sessions/tokens';
import { DraftRelay } from './draft-relay';
import { openEnvelope, parsePayload } from './envelope';
import { createEventRateLimit } from './event-rate-limit';
import { type Member, SessionRoom } from './session-room';

/** How the gateway finds sessions by id (the session registry); join codes go through the join desk. */
export interface SessionDirectory {
  get(sessionId: string): SessionRuntime | undefined;
}

/**
 * Many machines (server/cluster/): a socket whose session another process owns is relayed to that
 * owner; the owner's answers and views come back through the same socket.
 */
export interface SessionForwarding {
  /** The owner's url when another process owns the live session of this join code. */
  ownerOfJoinCode(joinCode: string): Promise<string | undefined>;
  /** The owner's url when another process owns the session; undefined when it is (now) here or unknown. */
  ownerOfSession(sessionId: string): Promise<string | undefined>;
  /** Opens the relay of one socket; `onClosed` runs when the owner's side went away. */
  relay(ownerUrl: string, socket: Socket, onClosed: () => void): SocketRelay;
  /** Counts one forwarded event (metrics). */
  forwarded(): void;
}

export interface RealtimeLimits {
  /** socket.io's maxHttpBufferSize: larger messages close the connection. */
  maxMessageBytes: number;
  /** Events per credential (per socket before it authenticates): burst size and sustained per second. */
  burst: number;
  perSecond: number;
  /** Open sockets per client address, and bound to one credential. */
  socketsPerAddress: number;
  socketsPerToken: number;
  /** `message-facilitator` commands per player credential per minute. */
  messagesPerMinute: number;
  /** Views re-sent on `sync` per credential per minute. */
  syncsPerMinute: number;
}

export const DEFAULT_REALTIME_LIMITS: RealtimeLimits = {
  maxMessageBytes: 64 * 1024,
  burst: 20,
  perSecond: 10,
  socketsPerAddress: 300,
  socketsPerToken: 8,
  messagesPerMinute: 6,
  syncsPerMinute: 30,
};

export interface RealtimeOptions {
  directory: SessionDirectory;
  logger: Logger;
  metrics: ServerMetrics;
  /** The join-code lookup shared with the REST preview. */
  joinDesk: JoinDesk;
  limits: RealtimeLimits;
  corsOrigin?: string | undefined;
  /** Many machines: relay sockets to the session's owner (unset: one process serves every session). */
  forward?: SessionForwarding | undefined;
}

export interface Realtime {
  readonly io: Server;
  connectedSockets(): number;
  /** Refuses new events, waits for commands in flight, then disconnects everyone. */
  close(): Promise<void>;
}

type GatewaySocket = Socket<Record<string, never>, ServerToClientEvents>;

interface Connection {
  socket: GatewaySocket;
  address: string;
  member: Member | undefined;
  room: SessionRoom | undefined;
  /** A join or authenticate is under way: a second one must not race it. */
  authenticating: boolean;
  /** The socket disconnected: a join or authenticate finishing later must not bind it (no ghosts). */
  closed: boolean;
  /** Events being handled; a sign-out waits for them to be answered before it disconnects. */
  inFlight: number;
  /** Signed out while events were in flight: disconnect once they are answered. */
  disconnectWhenIdle: boolean;
  /** The session is owned by another process: every event goes there (many machines). */
  relay?: SocketRelay | undefined;
}

/** Longest rejection message sent to a client. */
const MAX_MESSAGE = 500;

function printable(event: unknown): string {
  return typeof event === 'string' ? event.slice(0, 64) : typeof event;
}

function identityOf(state: SessionState, viewer: Viewer, tokenHash: string): Identity {
  const name =
    viewer.kind === 'player'
      ? (state.players.find((p) => p.id === viewer.playerId)?.name ?? '')
      : (findCredential(state, tokenHash)?.name ?? '');
  return { ...viewer, sessionId: state.sessionId, name };
}

/**
 * The realtime gateway (DESIGN.md "One command's path"): it validates and authenticates socket
 * events, turns them into commands for the session, answers every event exactly once, and pushes
 * each connection its own projection after every change. It knows no game rule: who may do what is
 * the session's answer.
 */
export function attachRealtime(httpServer: HttpServer, options: RealtimeOptions): Realtime {
  const { directory, logger, metrics, joinDesk, limits } = options;
  const io: Server<Record<string, never>, ServerToClientEvents> = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: limits.maxMessageBytes,
    ...(options.corsOrigin ? { cors: corsOptions(options.corsOrigin) } : {}),
  });
  const rateLimit = createEventRateLimit(limits);
  const messageLimit = createEventRateLimit({
    burst: limits.messagesPerMinute,
    perSecond: limits.messagesPerMinute / 60,
  });
  const syncLimit = createEventRateLimit({
    burst: limits.syncsPerMinute,
    perSecond: limits.syncsPerMinute / 60,
  });
  const socketsByAddress = new Map<string, number>();
  const socketsByToken = new Map<string, number>();
  const connections = new Map<GatewaySocket, Connection>();
  const rooms = new Map<string, SessionRoom>();
  const drafts = new DraftRelay();
  let closing = false;
  let inFlight = 0;
  let drained: (() => void) | undefined;

  function roomFor(session: SessionRuntime): SessionRoom {
    let room = rooms.get(session.sessionId);
    if (!room) {
      const { sessionId } = session;
      room = new SessionRoom(
        session,
        (member) => {
          member.socket.emit('signed-out', {
            code: 'invalid-token',
            message: 'your access to this exercise was revoked or your player was removed',
          });
          logger.info({ sessionId, viewer: member.viewer.kind }, 'connection signed out');
          release(member.tokenHash);
          // Every event is answered exactly once: a connection that revoked its own token gets the
          // answer to that command before it is disconnected.
          const connection = connections.get(member.socket);
          if (connection && connection.inFlight > 0) connection.disconnectWhenIdle = true;
          else member.socket.disconnect(true);
        },
        (error, member) =>
          logger.error({ err: error, sessionId, viewer: member.viewer.kind }, 'projection failed'),
        () => {
          if (rooms.get(sessionId) === room) rooms.delete(sessionId);
          // Many machines: the session left this process (lease lost, handed over): the clients'
          // transports close, they reconnect and authenticate again, and reach the new owner.
          if (options.forward)
            for (const connection of connections.values())
              if (connection.room === room) connection.socket.conn.close();
        },
      );
      rooms.set(session.sessionId, room);
    }
    return room;
  }

  function release(tokenHash: string): void {
    const left = (socketsByToken.get(tokenHash) ?? 1) - 1;
    if (left <= 0) socketsByToken.delete(tokenHash);
    else socketsByToken.set(tokenHash, left);
  }

  function leave(connection: Connection): void {
    const { room, member } = connection;
    if (!room || !member) return;
    if (room.has(member)) release(member.tokenHash);
    room.remove(member);
    if (room.size === 0) {
      room.close();
      rooms.delete(room.session.sessionId);
    }
  }

  /** Whether the credential may bind one more socket (SOCKETS_PER_TOKEN). */
  function tokenHasRoom(tokenHash: string): boolean {
    return (socketsByToken.get(tokenHash) ?? 0) < limits.socketsPerToken;
  }

  /**
   * Adds the connection to the session's room. False when the socket disconnected while its join
   * or authenticate was under way: it must not become a member after its disconnect handler ran.
   */
  function bind(connection: Connection, session: SessionRuntime, viewer: Viewer, tokenHash: string): boolean {
    if (connection.closed || session.disposed) return false;
    const member: Member = { socket: connection.socket, viewer, tokenHash, sentSeq: 0 };
    connection.member = member;
    connection.room = roomFor(session);
    socketsByToken.set(tokenHash, (socketsByToken.get(tokenHash) ?? 0) + 1);
    connection.room.add(member);
    logger.info({ sessionId: session.sessionId, viewer: viewer.kind }, 'connection authenticated');
    return true;
  }

  /** The actor a bound connection acts as, rechecked against the state so a revoked token stops at once. */
  function currentActor(connection: Connection): { session: SessionRuntime; actor: Actor } | AckError {
    const { room, member } = connection;
    if (!room || !member) return ackError('not-authenticated', 'join or authenticate first');
    const actor = authenticate(room.session.state, member.tokenHash);
    if (!actor) return ackError('invalid-token', 'your access to this exercise was revoked');
    return { session: room.session, actor };
  }

  /** Relays the connection to the session's owner and forwards this first event there. */
  function relayTo(connection: Connection, ownerUrl: string, event: string, args: unknown[]) {
    const forward = options.forward as SessionForwarding;
    const relay = forward.relay(ownerUrl, connection.socket, () => {
      if (connection.relay === relay) connection.relay = undefined;
    });
    connection.relay = relay;
    return forwarded(connection, event, args);
  }

  async function forwarded(connection: Connection, event: string, args: unknown[]): Promise<Ack<object>> {
    const relay = connection.relay as SocketRelay;
    options.forward?.forwarded();
    const reply = await relay.forward(event, args);
    const failedToBind = (event === 'join' || event === 'authenticate') && reply?.ok === false;
    if (!reply || failedToBind) {
      // Not bound there: the next join or authenticate looks for the owner afresh.
      relay.close();
      if (connection.relay === relay) connection.relay = undefined;
    }
    return (
      reply ??
      ackError(
        'session-closed',
        'the server running this exercise cannot be reached now (it may be moving to another server); retry in a moment',
      )
    );
  }

  async function runCommand(
    session: SessionRuntime,
    actor: Actor,
    command: Command,
    idempotencyKey?: string,
  ): Promise<CommandResult> {
    const started = performance.now();
    let result: CommandResult;
    try {
      result = await session.command(actor, command, idempotencyKey === undefined ? {} : { idempotencyKey });
    } catch (error) {
      logger.error({ err: error, sessionId: session.sessionId, type: command.type }, 'command failed');
      result = {
        ok: false,
        code: 'storage-unavailable',
        message: 'the command could not be recorded; nothing changed',
      };
    }
    const seconds = (performance.now() - started) / 1000;
    metrics.recordCommand(command.type, result.ok ? 'accepted' : result.code, seconds);
    const fields = {
      sessionId: session.sessionId,
      actor: actor.kind,
      type: command.type,
      ms: seconds * 1000,
    };
    // Accepted commands are logged with their events by the session's exercise log (server/game/exercise-log.ts).
    if (result.ok) logger.debug({ ...fields, result: 'accepted' }, 'command');
    else logger.info({ ...fields, result: 'rejected', code: result.code }, 'command rejected');
    return result;
  }

  const handlers: Record<ClientEventName, (connection: Connection, args: unknown[]) => Promise<Ack<object>>> =
    {
      async join(connection, args) {
        const parsed = parsePayload('join', CLIENT_EVENT_SCHEMAS.join, args);
        if (!parsed.ok) return parsed;
        if (connection.member || connection.authenticating) {
          return ackError('already-authenticated', 'this connection already has an identity');
        }
        connection.authenticating = true;
        try {
          const owner = await options.forward?.ownerOfJoinCode(parsed.payload.joinCode);
          if (owner) return await relayTo(connection, owner, 'join', args);
          const found = await joinDesk(connection.address, parsed.payload.joinCode);
          if (!found.ok && found.code === 'too-many-attempts') {
            return ackError(
              'too-many-attempts',
              `too many wrong join codes from this address; try again in ${Math.ceil(found.retryAfterMs / 1000)} s`,
            );
          }
          if (!found.ok) return ackError('unknown-join-code', 'no live exercise has this join code');
          const session = found.runtime;
          const token = newToken();
          const tokenHash = hashToken(token);
          const { name, preferredRole } = parsed.payload;
          const result = await runCommand(
            session,
            { kind: 'guest' },
            {
              type: 'join',
              name,
              tokenHash,
              ...(preferredRole !== undefined ? { preferredRole } : {}),
            },
          );
          if (!result.ok) return result;
          const requested = result.events.find((e) => e.type === 'join-requested');
          if (requested) {
            return {
              ok: true,
              seq: result.seq,
              sessionId: session.sessionId,
              token,
              pending: true,
              identity: { kind: 'player', playerId: '', sessionId: session.sessionId, name: requested.name },
            };
          }
          const joined = result.events.find((e) => e.type === 'player-joined');
          if (!joined) return ackError('internal-error', 'the join was recorded but no player joined');
          const viewer: Viewer = { kind: 'player', playerId: joined.playerId };
          if (!bind(connection, session, viewer, tokenHash)) {
            return ackError('not-authenticated', 'the connection closed before the join completed');
          }
          return {
            ok: true,
            seq: result.seq,
            sessionId: session.sessionId,
            token,
            identity: { ...viewer, sessionId: session.sessionId, name: joined.name },
          };
        } finally {
          connection.authenticating = false;
        }
      },

      async authenticate(connection, args) {
        const parsed = parsePayload('authenticate', CLIENT_EVENT_SCHEMAS.authenticate, args);
        if (!parsed.ok) return parsed;
        if (connection.member || connection.authenticating) {
          return ackError('already-authenticated', 'this connection already has an identity');
        }
        let session = directory.get(parsed.payload.sessionId);
        if (!session && options.forward) {
          connection.authenticating = true;
          try {
            const owner = await options.forward.ownerOfSession(parsed.payload.sessionId);
            if (owner) return await relayTo(connection, owner, 'authenticate', args);
          } finally {
            connection.authenticating = false;
          }
          session = directory.get(parsed.payload.sessionId);
        }
        if (!session) return ackError('unknown-session', 'no such exercise on this server');
        const tokenHash = hashToken(parsed.payload.token);
        const state = session.state;
        const actor = authenticate(state, tokenHash);
        const viewer = actor && viewerOf(actor);
        if (!viewer && pendingJoins(state).some((r) => r.tokenHash === tokenHash)) {
          return ackError('awaiting-approval', 'the facilitator has not admitted you yet; try again shortly');
        }
        if (!viewer) return ackError('invalid-token', 'this token is unknown or was revoked');
        if (!tokenHasRoom(tokenHash)) {
          return ackError(
            'too-many-connections',
            `at most ${limits.socketsPerToken} connections may use one token; close another tab or screen first`,
          );
        }
        if (!bind(connection, session, viewer, tokenHash)) {
          return ackError('not-authenticated', 'the connection closed before it was authenticated');
        }
        return {
          ok: true,
          seq: session.seq,
          sessionId: session.sessionId,
          identity: identityOf(state, viewer, tokenHash),
        };
      },

      async command(connection, args) {
        const parsed = parsePayload('command', CLIENT_EVENT_SCHEMAS.command, args);
        if (!parsed.ok) return parsed;
        const current = currentActor(connection);
        if ('ok' in current) return current;
        const command = parseCommand(parsed.payload.command);
        if (!command.ok) {
          metrics.recordRejectedEvent(command.code);
          return command;
        }
        if ((GATEWAY_STAMPED_COMMANDS as readonly string[]).includes(command.command.type)) {
          return ackError(
            'invalid-payload',
            `send "${command.command.type}" as its own event, not as a command`,
          );
        }
        if (
          command.command.type === 'message-facilitator' &&
          !(await messageLimit.allow(connection.member?.tokenHash ?? connection.socket.id))
        ) {
          return ackError(
            'rate-limited',
            `at most ${limits.messagesPerMinute} messages to the facilitator per minute; wait a little`,
          );
        }
        return runCommand(current.session, current.actor, command.command, parsed.payload.idempotencyKey);
      },

      async 'issue-credential'(connection, args) {
        const parsed = parsePayload('issue-credential', CLIENT_EVENT_SCHEMAS['issue-credential'], args);
        if (!parsed.ok) return parsed;
        const current = currentActor(connection);
        if ('ok' in current) return current;
        const token = newToken();
        const tokenHash = hashToken(token);
        const result = await runCommand(current.session, current.actor, {
          type: 'issue-credential',
          kind: parsed.payload.kind,
          name: parsed.payload.name,
          tokenHash,
        });
        if (!result.ok) return result;
        const issued = result.events.find((e) => e.type === 'credential-issued');
        if (!issued) return ackError('internal-error', 'the credential was recorded but none was issued');
        return { ok: true, seq: result.seq, token, credentialId: issued.credentialId };
      },

      async 'issue-credentials'(connection, args) {
        const parsed = parsePayload('issue-credentials', CLIENT_EVENT_SCHEMAS['issue-credentials'], args);
        if (!parsed.ok) return parsed;
        const current = currentActor(connection);
        if ('ok' in current) return current;
        const tokens = parsed.payload.names.map((name) => ({ name, token: newToken() }));
        const result = await runCommand(current.session, current.actor, {
          type: 'issue-credentials',
          kind: parsed.payload.kind,
          credentials: tokens.map(({ name, token }) => ({ name, tokenHash: hashToken(token) })),
        });
        if (!result.ok) return result;
        const ids = result.events.flatMap((e) => (e.type === 'credential-issued' ? [e.credentialId] : []));
        if (ids.length !== tokens.length)
          return ackError('internal-error', 'the credentials were not all issued');
        return {
          ok: true,
          seq: result.seq,
          credentials: tokens.map((t, i) => ({ ...t, credentialId: ids[i] ?? '' })),
        };
      },

      async sync(connection, args) {
        const parsed = parsePayload('sync', CLIENT_EVENT_SCHEMAS.sync, args);
        if (!parsed.ok) return parsed;
        const { room, member } = connection;
        if (!room || !member) return ackError('not-authenticated', 'join or authenticate first');
        // Up to date costs nothing; a view re-sent (from the room's cached projection) is counted.
        if (room.isBehind(member, parsed.payload.lastSeq)) {
          if (!(await syncLimit.allow(member.tokenHash))) {
            return ackError('rate-limited', 'too many full views requested; the next change brings one');
          }
          room.resend(member, parsed.payload.lastSeq);
        }
        return { ok: true, seq: room.session.seq };
      },

      async draft(connection, args) {
        const parsed = parsePayload('draft', CLIENT_EVENT_SCHEMAS.draft, args);
        if (!parsed.ok) return parsed;
        const current = currentActor(connection);
        if ('ok' in current) return current;
        const answer = drafts.handle(connection.socket, current.session.state, current.actor, parsed.payload);
        return answer.ok ? { ...answer, seq: current.session.seq } : answer;
      },
    };

  async function dispatch(connection: Connection, event: string, raw: unknown[]): Promise<void> {
    const { args, ack } = openEnvelope(raw);
    const answer = (given: Ack<object>) => {
      // Rejection messages are for people; one naming thousands of bad fields is cut short.
      const reply =
        given.ok || given.message.length <= MAX_MESSAGE
          ? given
          : { ...given, message: `${given.message.slice(0, MAX_MESSAGE - 1)}…` };
      if (!reply.ok) metrics.recordRejectedEvent(reply.code);
      if (ack) ack(reply);
      else if (!reply.ok)
        connection.socket.emit('protocol-error', {
          event: printable(event),
          code: reply.code,
          message: reply.message,
        });
    };
    // Limits count per credential once the connection has one (a second tab does not double them).
    const withinLimit = await rateLimit.allow(
      connection.member ? `token:${connection.member.tokenHash}` : `socket:${connection.socket.id}`,
    );
    // Checked after the wait: close() may have begun meanwhile, and must not see this event start.
    if (closing)
      return answer(ackError('shutting-down', 'the server is shutting down; reconnect in a moment'));
    if (!withinLimit) return answer(ackError('rate-limited', 'too many events; slow down'));
    if (!ack) {
      return answer(
        ackError(
          'missing-ack',
          `"${printable(event)}" was sent without an acknowledgement callback; nothing was done`,
        ),
      );
    }
    const handler = Object.hasOwn(handlers, event) ? handlers[event as ClientEventName] : undefined;
    if (!handler) return answer(ackError('unknown-event', `no socket event named "${printable(event)}"`));
    inFlight++;
    connection.inFlight++;
    try {
      answer(connection.relay ? await forwarded(connection, event, args) : await handler(connection, args));
    } catch (error) {
      logger.error({ err: error, event: printable(event) }, 'socket event failed');
      answer(ackError('internal-error', 'the server failed to handle this event; nothing was changed'));
    } finally {
      inFlight--;
      connection.inFlight--;
      if (connection.inFlight === 0 && connection.disconnectWhenIdle) connection.socket.disconnect(true);
      if (inFlight === 0) drained?.();
    }
  }

  io.on('connection', (socket: GatewaySocket) => {
    const address = socket.handshake.address;
    const open = socketsByAddress.get(address) ?? 0;
    if (open >= limits.socketsPerAddress) {
      socket.emit('protocol-error', {
        event: 'connect',
        code: 'too-many-connections',
        message: `at most ${limits.socketsPerAddress} connections from one address`,
      });
      socket.disconnect(true);
      return;
    }
    socketsByAddress.set(address, open + 1);
    const connection: Connection = {
      socket,
      address,
      member: undefined,
      room: undefined,
      authenticating: false,
      closed: false,
      inFlight: 0,
      disconnectWhenIdle: false,
    };
    connections.set(socket, connection);
    socket.onAny((event: string, ...raw: unknown[]) => {
      void dispatch(connection, event, raw);
    });
    socket.on('disconnect', () => {
      connection.closed = true;
      connection.relay?.close();
      connections.delete(socket);
      const left = (socketsByAddress.get(address) ?? 1) - 1;
      if (left <= 0) socketsByAddress.delete(address);
      else socketsByAddress.set(address, left);
      leave(connection);
      rateLimit.forget(`socket:${socket.id}`);
    });
    socket.on('error', (error) => logger.debug({ err: error }, 'socket error'));
  });

  return {
    io,
    connectedSockets: () => io.of('/').sockets.size,
    async close() {
      closing = true;
      if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
      for (const room of rooms.values()) room.close();
      rooms.clear();
      await io.close();
    },
  };
}
