import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { Ack, AckError } from '../../../shared/protocol/ack';
import type {
  AckExtras,
  ClientCommand,
  DraftEvent,
  DraftPayload,
  Identity,
  IssueCredentialPayload,
  PresenceEvent,
  ScenarioEvent,
  ServerToClientEvents,
  ViewEvent,
  ViewPatchEvent,
} from '../../../shared/protocol/events';
import { applyViewPatch } from '../../../shared/protocol/view-patch';
import type { Scenario } from '../../../shared/scenario/schema';
import type { PublicScenario, View, ViewOf } from '../../../shared/views/view';
import type { ViewerKind } from '../../../shared/views/viewer';
import type { ConnectionState } from '../lib/connection-state';
import { forgetIdentity, type IdentityKind, loadIdentity } from '../lib/identity';

type ClientSocket = Socket<ServerToClientEvents>;

/** Sign-in refusals that pass by themselves (failover, storage away, no answer in time): retried. */
const RETRY_SIGN_IN = new Set<string>(['session-closed', 'storage-unavailable', 'timeout']);

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
  /** Deliverable drafts (Yjs updates, client/src/hooks/use-draft.ts): send one, or follow the others'. */
  sendDraft(payload: DraftPayload): Promise<Ack<AckExtras['draft']>>;
  onDraft(listener: (event: DraftEvent) => void): () => void;
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
    /** The view held, the base of the next `view-patch`. */
    let held: { seq: number; view: View } | undefined;
    let resyncing = false;

    const accept = (event: ViewEvent) => {
      held = event;
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
    };
    socket.on('view', (event: ViewEvent) => {
      // Views can race a sync answer after a reconnect; never go back in time.
      if (event.seq < lastSeq) return;
      resyncing = false;
      accept(event);
    });
    socket.on('view-patch', (event: ViewPatchEvent) => {
      if (event.seq <= lastSeq) return;
      const view = applyViewPatch(held, event);
      if (view) {
        accept({ seq: event.seq, view });
        return;
      }
      // A gap (or a patch that does not apply): ask for the whole view, once until it comes.
      if (resyncing) return;
      resyncing = true;
      // The whole view is pushed before the answer, so the next patch applies either way.
      void emitWithAck(socket, 'sync', { lastSeq }).then(() => {
        resyncing = false;
      });
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
      let ack = await emitWithAck<AckExtras['authenticate']>(socket, 'authenticate', {
        sessionId,
        token: stored.token,
      });
      // The session is moving (its server died and another takes it over once the lease expires),
      // or storage is briefly away: sign in again, a little later each time, while still connected.
      for (let attempt = 0; !ack.ok && RETRY_SIGN_IN.has(ack.code) && socket.connected; attempt++) {
        setConnection('reconnecting');
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * 2 ** attempt)));
        if (!socket.connected) return;
        ack = await emitWithAck<AckExtras['authenticate']>(socket, 'authenticate', {
          sessionId,
          token: stored.token,
        });
      }
      if (!ack.ok) {
        if (ack.code === 'invalid-token' || ack.code === 'unknown-session') {
          forgetIdentity(sessionId, kind);
          setAuthError(ack);
          socket.disconnect();
          setConnection('offline');
        }
        return;
      }
      setConnection('connected');
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

  const sendDraft = useCallback(
    (payload: DraftPayload): Promise<Ack<AckExtras['draft']>> =>
      emitIfConnected(socketRef.current, 'draft', payload),
    [],
  );
  const onDraft = useCallback((listener: (event: DraftEvent) => void) => {
    const socket = socketRef.current;
    socket?.on('draft', listener);
    return () => {
      socket?.off('draft', listener);
    };
  }, []);

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
    sendDraft,
    onDraft,
  };
}
