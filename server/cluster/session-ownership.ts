import { randomBytes } from 'node:crypto';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Logger } from '../logger';
import type { RedisStore } from '../store/redis-store';
import type { AppendResult, SessionStore, StoredEvent } from '../store/session-store';

/**
 * Many machines (DESIGN.md): which process owns which live session, through a Redis lease per
 * session with a fencing epoch. A process serves a session only while it holds its lease; every
 * append it makes carries the epoch, and the store's compare-and-set refuses it once the lease
 * expired or moved (redis-scripts.ts appendScript), so a paused or partitioned ex-owner can never
 * write after another process took over. Leases are renewed every `renewMs`.
 *
 * The lease value is "<epoch> <owner>", the owner being "<nodeId>@<url>": the url is where other
 * processes forward a socket for this session (server/cluster/socket-relay.ts).
 *
 * A process gives a session up only when Redis says another process holds its lease. While Redis
 * cannot be reached it keeps the session (its commands fail as storage-unavailable, as with one
 * process) and /readyz reports the lease unhealthy; a lease that expired meanwhile is taken again.
 */
export interface SessionOwnershipOptions {
  store: RedisStore;
  logger: Logger;
  /** The address other processes reach this one at (NODE_URL, or http://127.0.0.1:<port>). */
  nodeUrl: () => string;
  /** Lease length (LEASE_MS): how long a dead owner blocks its sessions. */
  leaseMs: number;
  /** Renew interval (LEASE_RENEW_MS): several renewals fit in one lease. */
  renewMs: number;
  metrics?: Registry;
}

interface Held {
  epoch: number;
  owner: string;
  /** When Redis last confirmed the lease (local monotonic ms). */
  confirmedAt: number;
}

export class SessionOwnership {
  readonly nodeId = randomBytes(6).toString('hex');
  readonly #held = new Map<string, Held>();
  readonly #options: SessionOwnershipOptions;
  #onLost: (sessionId: string) => void = () => {};
  #timer: NodeJS.Timeout | undefined;
  #renewing = false;
  #lastRoundOk = true;
  readonly #renewLatency: Histogram | undefined;
  readonly #forwarded: Counter | undefined;
  readonly #failovers: Counter | undefined;
  readonly #lost: Counter | undefined;

  constructor(options: SessionOwnershipOptions) {
    this.#options = options;
    const registers = options.metrics ? [options.metrics] : [];
    if (options.metrics) {
      new Gauge({
        name: 'crisis_table_sessions_owned',
        help: 'Live sessions whose lease this process holds',
        registers,
        collect: (() => {
          const held = this.#held;
          return function (this: Gauge) {
            this.set(held.size);
          };
        })(),
      });
      this.#renewLatency = new Histogram({
        name: 'crisis_table_lease_renew_seconds',
        help: 'Round trip of one lease renewal',
        buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
        registers,
      });
      this.#forwarded = new Counter({
        name: 'crisis_table_forwarded_events_total',
        help: 'Socket events forwarded to the process owning their session',
        registers,
      });
      this.#failovers = new Counter({
        name: 'crisis_table_failovers_total',
        help: 'Sessions taken over from another owner whose lease expired or was released',
        registers,
      });
      this.#lost = new Counter({
        name: 'crisis_table_leases_lost_total',
        help: 'Leases this process lost while serving the session',
        registers,
      });
    }
  }

  get owner(): string {
    return `${this.nodeId}@${this.#options.nodeUrl()}`;
  }

  /** Starts the renew loop; `onLost` hears of every session whose lease this process lost. */
  start(onLost: (sessionId: string) => void): void {
    this.#onLost = onLost;
    this.#timer ??= setInterval(() => void this.#renewAll(), this.#options.renewMs);
    this.#timer.unref();
  }

  /** Takes the lease of a session nobody holds; true when this process now owns it. */
  async acquire(sessionId: string, options: { failover?: boolean } = {}): Promise<boolean> {
    if (this.#held.has(sessionId)) return true;
    const owner = this.owner;
    const started = performance.now();
    const result = await this.#options.store.acquireLease(sessionId, owner, this.#options.leaseMs);
    if (result.epoch === undefined) return false;
    this.#held.set(sessionId, { epoch: result.epoch, owner, confirmedAt: started });
    // Epoch 1 is the session's first owner; a later epoch took over from an earlier one.
    if (options.failover && result.epoch > 1) {
      this.#failovers?.inc();
      this.#options.logger.info({ sessionId, epoch: result.epoch }, 'session taken over');
    }
    return true;
  }

  owns(sessionId: string): boolean {
    return this.#held.has(sessionId);
  }

  epochOf(sessionId: string): number | undefined {
    return this.#held.get(sessionId)?.epoch;
  }

  /** Gives the lease up at once (unload, graceful shutdown) so another process can take over now. */
  async release(sessionId: string): Promise<void> {
    const held = this.#held.get(sessionId);
    if (!held) return;
    this.#held.delete(sessionId);
    await this.#options.store.releaseLease(sessionId, held.epoch, held.owner).catch((error) => {
      this.#options.logger.warn({ err: error, sessionId }, 'could not release a lease; it expires by itself');
    });
  }

  /** The url of the process holding the session's lease when it is another one. */
  async ownerUrl(sessionId: string): Promise<string | undefined> {
    if (this.#held.has(sessionId)) return undefined;
    const holder = await this.#options.store.leaseHolder(sessionId);
    const owner = holder?.match(/^\d+ [0-9a-f]+@(.+)$/)?.[1];
    return owner;
  }

  countForwarded(): void {
    this.#forwarded?.inc();
  }

  /**
   * Lease health for /readyz: the last renew round reached Redis and every lease held was confirmed
   * within the lease length.
   */
  healthy(): boolean {
    const now = performance.now();
    for (const held of this.#held.values()) if (now - held.confirmedAt > this.#options.leaseMs) return false;
    return this.#lastRoundOk;
  }

  health(): { ok: boolean; owned: number; nodeId: string } {
    return { ok: this.healthy(), owned: this.#held.size, nodeId: this.nodeId };
  }

  /** A store for one session's runtime: its appends carry this process's epoch for the session. */
  fencedStore(sessionId: string): SessionStore {
    const store = this.#options.store;
    const epochOf = () => this.#held.get(sessionId)?.epoch ?? 0;
    return new Proxy(store, {
      get(target, property) {
        if (property === 'append') {
          return (id: string, expectedSeq: number, events: StoredEvent[]): Promise<AppendResult> =>
            target.append(id, expectedSeq, events, id === sessionId ? epochOf() : undefined);
        }
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as SessionStore;
  }

  /** Stops renewing and releases every lease (graceful shutdown hands sessions over at once). */
  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await Promise.all([...this.#held.keys()].map((id) => this.release(id)));
  }

  async #renewAll(): Promise<void> {
    if (this.#renewing) return;
    this.#renewing = true;
    let ok = true;
    try {
      await Promise.all(
        [...this.#held].map(async ([sessionId, held]) => {
          const started = performance.now();
          try {
            const renewed = await this.#options.store.renewLease(
              sessionId,
              held.epoch,
              held.owner,
              this.#options.leaseMs,
            );
            this.#renewLatency?.observe((performance.now() - started) / 1000);
            if (renewed) {
              held.confirmedAt = started;
              return;
            }
            // Expired (Redis was hung or unreachable longer than the lease, or this process was
            // paused) but nobody took it: take it again, at a new epoch. Safe: nobody else can have
            // appended without the lease, and if someone held and released it meanwhile, the seq
            // compare-and-set makes the runtime catch up before its next write.
            const again = await this.#options.store.acquireLease(
              sessionId,
              held.owner,
              this.#options.leaseMs,
            );
            if (again.epoch !== undefined && this.#held.get(sessionId) === held) {
              held.epoch = again.epoch;
              held.confirmedAt = started;
              this.#options.logger.info(
                { sessionId, epoch: again.epoch },
                'lease taken again after it expired',
              );
              return;
            }
          } catch (error) {
            // Redis unreachable: keep serving and keep trying. The log needs no self-fencing here: an
            // append with this epoch is refused by Redis itself once the lease is gone.
            ok = false;
            if (performance.now() - held.confirmedAt > this.#options.leaseMs)
              this.#options.logger.debug({ err: error, sessionId }, 'lease not renewed in time');
            return;
          }
          if (this.#held.get(sessionId) !== held) return;
          this.#held.delete(sessionId);
          this.#lost?.inc();
          this.#options.logger.warn({ sessionId, epoch: held.epoch }, 'lease lost: unloading the session');
          this.#onLost(sessionId);
        }),
      );
    } finally {
      this.#lastRoundOk = ok;
      this.#renewing = false;
    }
  }
}
