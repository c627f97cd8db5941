import type { Socket } from 'socket.io';
import { type Socket as ClientSocket, io } from 'socket.io-client';
import type { Ack } from '../../shared/protocol/ack';
import { ackError } from '../../shared/protocol/ack';

/**
 * One client socket whose session another process owns (many machines): every event the client
 * sends is forwarded, with its acknowledgement callback, over a socket.io connection to the owner,
 * and everything the owner sends that connection (views, patches, presence, the ack) goes back
 * through the client's own socket unchanged. The owner's gateway treats the relay like any client,
 * so authentication, rate limits per credential, presence and projections stay in the one process
 * that owns the session.
 *
 * When the owner goes away (killed, lease lost, shutting down) the client's transport is closed,
 * not the socket.io session, so the client reconnects by itself, authenticates again and lands on
 * whichever process owns the session by then; a command in flight at that moment is never
 * acknowledged (its outcome is unknown: retry with the same idempotency key).
 */
export class SocketRelay {
  readonly #upstream: ClientSocket;
  readonly #connected: Promise<boolean>;
  #closed = false;

  constructor(
    readonly ownerUrl: string,
    downstream: Socket,
    private readonly timeoutMs: number,
    onClosed: () => void,
  ) {
    this.#upstream = io(ownerUrl, { transports: ['websocket'], reconnection: false, forceNew: true });
    this.#upstream.onAny((event: string, ...args: unknown[]) => {
      downstream.emit(event, ...args);
    });
    this.#connected = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), Math.min(timeoutMs, 2_000));
      this.#upstream.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      });
      this.#upstream.once('connect_error', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    this.#upstream.on('disconnect', () => {
      if (this.#closed) return;
      this.#closed = true;
      onClosed();
      // The transport, not the socket.io session: the client reconnects and authenticates again.
      downstream.conn.close();
    });
  }

  /**
   * The owner's answer to one event; undefined when the owner cannot be reached (the caller answers
   * and forgets the relay). A reply slower than the timeout has an unknown outcome.
   */
  async forward(event: string, args: unknown[]): Promise<Ack<object> | undefined> {
    if (this.#closed || !(await this.#connected)) return undefined;
    try {
      return (await this.#upstream.timeout(this.timeoutMs).emitWithAck(event, ...args)) as Ack<object>;
    } catch {
      return ackError(
        'storage-outcome-unknown',
        `the server running this exercise did not answer within ${this.timeoutMs} ms; it may still be recorded: retry with the same idempotencyKey, or sync first`,
      );
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#upstream.close();
  }
}
