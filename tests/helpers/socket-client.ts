import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../shared/protocol/ack';
import type {
  AckExtras,
  ClientCommand,
  ClientEventName,
  PresenceEvent,
  ProtocolErrorEvent,
  ScenarioEvent,
  SignedOutEvent,
  ViewEvent,
  ViewPatchEvent,
} from '../../shared/protocol/events';
import type { CreateSessionResponse } from '../../shared/protocol/rest';
import { applyViewPatch } from '../../shared/protocol/view-patch';
import type { View } from '../../shared/views/view';

/** Everything a test client received, in order, for assertions on what it may and may not see. */
export interface Received {
  event: string;
  payload: unknown;
}

/**
 * A real socket.io client over loopback (websocket transport), recording every payload it receives
 * (pushed events and acknowledgements) so need-to-know tests can search them. A `view-patch` is
 * applied to the view held and recorded, in `received` and `views`, as the `view` it yields: that
 * view holds everything the patch carried (its added and replaced values), so a search of the
 * views finds any secret a patch let through. The raw patches are in `patches`; one that does not
 * apply to the view held is a defect, recorded in `patchFailures` (and the client then syncs, as
 * the browser does).
 */
export class TestClient {
  readonly received: Received[] = [];
  readonly views: ViewEvent[] = [];
  readonly patches: ViewPatchEvent[] = [];
  readonly patchFailures: ViewPatchEvent[] = [];
  readonly scenarios: ScenarioEvent[] = [];
  readonly presence: PresenceEvent[] = [];
  readonly signedOut: SignedOutEvent[] = [];
  readonly protocolErrors: ProtocolErrorEvent[] = [];
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  private constructor(readonly socket: Socket) {
    socket.onAny((event: string, payload: unknown) => {
      if (event === 'view-patch') {
        this.patched(payload as ViewPatchEvent);
        this.wake();
        return;
      }
      this.received.push({ event, payload });
      if (event === 'view') this.views.push(payload as ViewEvent);
      if (event === 'scenario') this.scenarios.push(payload as ScenarioEvent);
      if (event === 'presence') this.presence.push(payload as PresenceEvent);
      if (event === 'signed-out') this.signedOut.push(payload as SignedOutEvent);
      if (event === 'protocol-error') this.protocolErrors.push(payload as ProtocolErrorEvent);
      this.wake();
    });
    socket.on('disconnect', () => this.wake());
  }

  static async connect(url: string, options: { reconnection?: boolean } = {}): Promise<TestClient> {
    const socket = io(url, {
      transports: ['websocket'],
      reconnection: options.reconnection ?? false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
    return new TestClient(socket);
  }

  /** Emits with an acknowledgement and records the ack like any received payload. */
  async emit<E extends ClientEventName>(event: E, payload: unknown): Promise<Ack<AckExtras[E]>> {
    const ack = (await this.socket.timeout(10_000).emitWithAck(event, payload)) as Ack<AckExtras[E]>;
    this.received.push({ event: `ack:${event}`, payload: ack });
    return ack;
  }

  /** Emits anything at all (hostile tests): raw arguments, with or without a callback. */
  async emitRaw(event: string, ...args: unknown[]): Promise<unknown> {
    const ack = await this.socket.timeout(10_000).emitWithAck(event, ...args);
    this.received.push({ event: `ack:${event}`, payload: ack });
    return ack;
  }

  join(joinCode: string, name: string, preferredRole?: string) {
    return this.emit('join', { joinCode, name, ...(preferredRole ? { preferredRole } : {}) });
  }

  authenticate(sessionId: string, token: string) {
    return this.emit('authenticate', { sessionId, token });
  }

  command(command: ClientCommand | Record<string, unknown>) {
    return this.emit('command', { command });
  }

  /** Sends a command and fails the test with the server's reason when it is refused. */
  async must(command: ClientCommand): Promise<number> {
    const ack = await this.command(command);
    if (!ack.ok) throw new Error(`${command.type} refused: ${ack.code}: ${ack.message}`);
    return ack.seq;
  }

  get view(): View {
    const last = this.views[this.views.length - 1];
    if (!last) throw new Error('no view received yet');
    return last.view;
  }

  get seq(): number {
    return this.views[this.views.length - 1]?.seq ?? 0;
  }

  /** Resolves once `test` holds (checked after every received event), or fails after `ms`. */
  async until(test: () => boolean, what: string, ms = 10_000): Promise<void> {
    if (test()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`timed out waiting for ${what}`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push({ test, resolve: done });
    });
  }

  /** Waits for a view at or after `seq`. */
  untilSeq(seq: number, ms?: number): Promise<void> {
    return this.until(() => this.seq >= seq, `a view at seq ${seq}`, ms);
  }

  close(): void {
    this.socket.disconnect();
  }

  private patched(patch: ViewPatchEvent): void {
    this.patches.push(patch);
    const held = this.views[this.views.length - 1];
    const view = applyViewPatch(held, patch);
    if (!view) {
      this.patchFailures.push(patch);
      void this.socket
        .timeout(10_000)
        .emitWithAck('sync', { lastSeq: held?.seq ?? 0 })
        .catch(() => undefined);
      return;
    }
    const event: ViewEvent = { seq: patch.seq, view };
    this.received.push({ event: 'view', payload: event });
    this.views.push(event);
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.test()) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve();
      }
    }
  }
}

export async function createExercise(
  baseUrl: string,
  scenarioId: string,
  options: { seed?: number; facilitatorKey?: string; facilitatorToken?: string } = {},
): Promise<CreateSessionResponse> {
  const res = await fetch(`${baseUrl}/api/sessions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.facilitatorKey ? { 'x-facilitator-key': options.facilitatorKey } : {}),
      ...(options.facilitatorToken ? { authorization: `Bearer ${options.facilitatorToken}` } : {}),
    },
    body: JSON.stringify({ scenarioId, ...(options.seed !== undefined ? { seed: options.seed } : {}) }),
  });
  if (res.status !== 201) throw new Error(`creating an exercise failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreateSessionResponse;
}
