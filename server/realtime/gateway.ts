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
import type { SessionState } from '../../shared/session/state';
import { type Viewer, viewerOf } from '../../shared/views/viewer';
import type { SessionRuntime } from '../game/session-runtime';
import { corsOptions } from '../http/cors';
import type { Logger } from '../logger';
import type { ServerMetrics } from '../metrics';
import type { JoinDesk } from '../sessions/join-desk';
import { hashToken, newToken } from '../sessions/tokens';
import { openEnvelope, parsePayload } from './envelope';
import { createEventRateLimit } from './event-rate-limit';
import { type Member, SessionRoom } from './session-room';

/** How the gateway finds sessions by id (the session registry); join codes go through the join desk. */
export interface SessionDirectory {
  get(sessionId: string): SessionRuntime | undefined;
}

export interface RealtimeLimits {
  /** socket.io's maxHttpBufferSize: larger messages close the connection. */
  maxMessageBytes: number;
  /** Events per socket: burst size and sustained events per second. */
  burst: number;
  perSecond: number;
}

export const DEFAULT_REALTIME_LIMITS: RealtimeLimits = {
  maxMessageBytes: 64 * 1024,
  burst: 20,
  perSecond: 10,
};

export interface RealtimeOptions {
  directory: SessionDirectory;
  logger: Logger;
  metrics: ServerMetrics;
  /** The join-code lookup shared with the REST preview. */
  joinDesk: JoinDesk;
  limits: RealtimeLimits;
  corsOrigin?: string | undefined;
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
  const rooms = new Map<string, SessionRoom>();
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
          member.socket.disconnect(true);
        },
        (error, member) =>
          logger.error({ err: error, sessionId, viewer: member.viewer.kind }, 'projection failed'),
        () => {
          if (rooms.get(sessionId) === room) rooms.delete(sessionId);
        },
      );
      rooms.set(session.sessionId, room);
    }
    return room;
  }

  function leave(connection: Connection): void {
    const { room, member } = connection;
    if (!room || !member) return;
    room.remove(member);
    if (room.size === 0) {
      room.close();
      rooms.delete(room.session.sessionId);
    }
  }

  function bind(connection: Connection, session: SessionRuntime, viewer: Viewer, tokenHash: string): void {
    const member: Member = { socket: connection.socket, viewer, tokenHash, sentSeq: 0 };
    connection.member = member;
    connection.room = roomFor(session);
    connection.room.add(member);
    logger.info({ sessionId: session.sessionId, viewer: viewer.kind }, 'connection authenticated');
  }

  /** The actor a bound connection acts as, rechecked against the state so a revoked token stops at once. */
  function currentActor(connection: Connection): { session: SessionRuntime; actor: Actor } | AckError {
    const { room, member } = connection;
    if (!room || !member) return ackError('not-authenticated', 'join or authenticate first');
    const actor = authenticate(room.session.state, member.tokenHash);
    if (!actor) return ackError('invalid-token', 'your access to this exercise was revoked');
    return { session: room.session, actor };
  }

  async function runCommand(session: SessionRuntime, actor: Actor, command: Command): Promise<CommandResult> {
    const started = performance.now();
    let result: CommandResult;
    try {
      result = await session.command(actor, command);
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
    logger.debug(
      {
        sessionId: session.sessionId,
        actor: actor.kind,
        type: command.type,
        result: result.ok ? 'accepted' : result.code,
        ms: seconds * 1000,
      },
      'command',
    );
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
          const joined = result.events.find((e) => e.type === 'player-joined');
          if (!joined) return ackError('internal-error', 'the join was recorded but no player joined');
          const viewer: Viewer = { kind: 'player', playerId: joined.playerId };
          bind(connection, session, viewer, tokenHash);
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
        const session = directory.get(parsed.payload.sessionId);
        if (!session) return ackError('unknown-session', 'no such exercise on this server');
        const tokenHash = hashToken(parsed.payload.token);
        const state = session.state;
        const actor = authenticate(state, tokenHash);
        const viewer = actor && viewerOf(actor);
        if (!viewer) return ackError('invalid-token', 'this token is unknown or was revoked');
        bind(connection, session, viewer, tokenHash);
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
        return runCommand(current.session, current.actor, command.command);
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

      async sync(connection, args) {
        const parsed = parsePayload('sync', CLIENT_EVENT_SCHEMAS.sync, args);
        if (!parsed.ok) return parsed;
        const { room, member } = connection;
        if (!room || !member) return ackError('not-authenticated', 'join or authenticate first');
        room.resend(member, parsed.payload.lastSeq);
        return { ok: true, seq: room.session.seq };
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
    const withinLimit = await rateLimit.allow(connection.socket.id);
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
    try {
      answer(await handler(connection, args));
    } catch (error) {
      logger.error({ err: error, event: printable(event) }, 'socket event failed');
      answer(ackError('internal-error', 'the server failed to handle this event; nothing was changed'));
    } finally {
      inFlight--;
      if (inFlight === 0) drained?.();
    }
  }

  io.on('connection', (socket: GatewaySocket) => {
    const connection: Connection = {
      socket,
      address: socket.handshake.address,
      member: undefined,
      room: undefined,
      authenticating: false,
    };
    socket.onAny((event: string, ...raw: unknown[]) => {
      void dispatch(connection, event, raw);
    });
    socket.on('disconnect', () => {
      leave(connection);
      rateLimit.forget(socket.id);
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
