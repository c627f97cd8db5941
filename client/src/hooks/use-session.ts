import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { Ack, AckError } from '../../../shared/protocol/ack';
import type {
  AckExtras,
  ClientCommand,
  Identity,
  IssueCredentialPayload,
  PresenceEvent,
  ScenarioEvent,
  ServerToClientEvents,
  ViewEvent,
} from '../../../shared/protocol/events';
import type { Scenario } from '../../../shared/scenario/schema';
import type { PublicScenario, ViewOf } from '../../../shared/views/view';
import type { ViewerKind } from '../../../shared/views/viewer';
import type { ConnectionState } from '../lib/connection-state';
import { forgetIdentity, type IdentityKind, loadIdentity } from '../lib/identity';

type ClientSocket = Socket<ServerToClientEvents>;

/** How long to wait for an acknowledgement before telling the user the command may not have arrived. */
const ACK_TIMEOUT_MS = 10_000;

export interface SessionHandle<K extends ViewerKind> {
  connection: ConnectionState;
  /** The latest projection the server sent this viewer, and its sequence number. */
  view: ViewOf<K> | undefined;
  seq: number;
  /** The scenario as this viewer may read it (sent once per connection; it never changes). */
  scenario: PublicScenario | undefined;
  /** The whole scenario, for the facilitator only: private briefs, injects and their notes. */
  fullScenario: Scenario | undefined;
  identity: Identity | undefined;
  /** Why this browser cannot take part (no stored token, token revoked, no such session). */
  authError: AckError | undefined;
  /** Facilitator connections only: who is connected, per player and role. */
  presence: PresenceEvent | undefined;
  /** Server clock minus this browser's, estimated at phase changes (for countdowns). */
  clockOffsetMs: number;
  send(command: ClientCommand): Promise<Ack>;
  issueCredential(payload: IssueCredentialPayload): Promise<Ack<AckExtras['issue-credential']>>;
}

function emitWithAck<T extends object>(
  socket: ClientSocket,
  event: string,
  payload: unknown,
): Promise<Ack<T>> {
  // The client's event map is untyped on purpose: payloads are typed by the callers' signatures.
  const untyped = socket as unknown as Socket;
  return untyped
    .timeout(ACK_TIMEOUT_MS)
    .emitWithAck(event, payload)
    .then(
      (ack: unknown) => ack as Ack<T>,
      (): AckError => ({
        ok: false,
        code: 'timeout',
        message: 'The server did not confirm in time; check the connection and try again.',
      }),
    );
}

/** Emits on a connected socket; without one, answers at once that the command was not sent. */
function emitIfConnected<T extends object>(
  socket: ClientSocket | undefined,
  event: string,
  payload: unknown,
): Promise<Ack<T>> {
  if (!socket?.connected) {
    return Promise.resolve({
      ok: false,
      code: 'offline',
      message: 'Not connected to the server; try again.',
    });
  }
  return emitWithAck<T>(socket, event, payload);
}

/**
 * One socket for one viewer of one session: authenticates with the token stored for this session
 * (again after every reconnect), keeps the latest view in order of `seq`, and turns each command
 * into a promise of its acknowledgement. Routes render what it holds; it knows no game rule.
 */
export function useSession<K extends ViewerKind>(
  sessionId: string,
  kind: K & IdentityKind,
): SessionHandle<K> {
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [view, setView] = useState<ViewOf<K>>();
  const [seq, setSeq] = useState(0);
  const [scenarioEvent, setScenarioEvent] = useState<ScenarioEvent>();
  const [identity, setIdentity] = useState<Identity>();
  const [authError, setAuthError] = useState<AckError>();
  const [presence, setPresence] = useState<PresenceEvent>();
  const [clockOffsetMs, setClockOffsetMs] = useState(0);
  const socketRef = useRef<ClientSocket | undefined>(undefined);

  useEffect(() => {
    const stored = loadIdentity(sessionId, kind);
    setView(undefined);
    setSeq(0);
    setScenarioEvent(undefined);
    setIdentity(undefined);
    setAuthError(undefined);
    if (!stored) {
      setConnection('offline');
      setAuthError({
        ok: false,
        code: 'invalid-token',
        message: 'This browser has not joined this exercise.',
      });
      return;
    }
    const socket: ClientSocket = io({ transports: ['websocket', 'polling'] });
    socketRef.current = socket;
    let lastSeq = 0;
    let lastPhaseStart: number | undefined;

    socket.on('view', (event: ViewEvent) => {
      // Views can race a sync answer after a reconnect; never go back in time.
      if (event.seq < lastSeq) return;
      lastSeq = event.seq;
      if (event.view.kind !== kind) return;
      // A phase change is pushed the moment it happens, so its start time is close to the
      // server's "now": good enough to correct a phone whose clock is minutes off.
      if (lastPhaseStart !== undefined && event.view.phaseStartedAt !== lastPhaseStart) {
        setClockOffsetMs(event.view.phaseStartedAt - Date.now());
      }
      lastPhaseStart = event.view.phaseStartedAt;
      setSeq(event.seq);
      setView(event.view as ViewOf<K>);
    });
    socket.on('scenario', (event) => {
      if (event.sessionId === sessionId) setScenarioEvent(event);
    });
    socket.on('presence', (event) => setPresence(event));
    socket.on('signed-out', (event) => {
      forgetIdentity(sessionId, kind);
      setAuthError({ ok: false, code: event.code, message: event.message });
    });
    socket.on('connect', async () => {
      setConnection('connected');
      const ack = await emitWithAck<AckExtras['authenticate']>(socket, 'authenticate', {
        sessionId,
        token: stored.token,
      });
      if (!ack.ok) {
        if (ack.code === 'invalid-token' || ack.code === 'unknown-session') {
          forgetIdentity(sessionId, kind);
          setAuthError(ack);
          socket.disconnect();
          setConnection('offline');
        }
        return;
      }
      setIdentity(ack.identity);
      setAuthError(undefined);
      if (lastSeq > 0) await emitWithAck(socket, 'sync', { lastSeq });
    });
    socket.on('disconnect', (reason) => {
      setConnection(reason === 'io client disconnect' ? 'offline' : 'reconnecting');
    });
    socket.io.on('reconnect_attempt', () => setConnection('reconnecting'));
    socket.io.on('reconnect_failed', () => setConnection('offline'));
    return () => {
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
      socketRef.current = undefined;
    };
  }, [sessionId, kind]);

  const send = useCallback(
    (command: ClientCommand): Promise<Ack> => emitIfConnected(socketRef.current, 'command', { command }),
    [],
  );

  const issueCredential = useCallback(
    (payload: IssueCredentialPayload): Promise<Ack<AckExtras['issue-credential']>> =>
      emitIfConnected(socketRef.current, 'issue-credential', payload),
    [],
  );

  return {
    connection,
    view,
    seq,
    scenario: scenarioEvent?.scenario,
    fullScenario: scenarioEvent?.kind === 'full' ? scenarioEvent.scenario : undefined,
    identity,
    authError,
    presence,
    clockOffsetMs,
    send,
    issueCredential,
  };
}
