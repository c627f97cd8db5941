import { type SessionListing, sessionListing } from '../../shared/views/public';
import { restore } from '../game/session-runtime';
import type { SessionStore } from '../store/session-store';

/**
 * "My exercises" beyond the sessions held in memory: every session the store keeps (ended,
 * archived, or not loaded on this process), listed for a token that is one of its facilitator
 * credentials. Tokens are never stored, only their hashes, so the check is the same as at sign-in:
 * the hash of the presented token against the session's non-revoked facilitator credentials.
 *
 * Reading a stored session means its snapshot and log tail; the answer is kept per session and
 * last seq, so an archived session (whose log no longer grows) is read once per process.
 */
export class StoredListings {
  readonly #store: () => SessionStore;
  readonly #cache = new Map<
    string,
    { lastSeq: number; listing: SessionListing; facilitators: Set<string> }
  >();

  constructor(store: () => SessionStore) {
    this.#store = store;
  }

  /** The stored sessions, other than `skip`, that `tokenHash` may facilitate. */
  async of(tokenHash: string, skip: ReadonlySet<string>): Promise<SessionListing[]> {
    const store = this.#store();
    const listings: SessionListing[] = [];
    for (const summary of await store.list()) {
      if (skip.has(summary.sessionId)) continue;
      let entry = this.#cache.get(summary.sessionId);
      if (entry?.lastSeq !== summary.lastSeq) {
        const restored = await restore(store, summary.sessionId);
        if (!restored) continue;
        const { state, lastSeq } = restored;
        entry = {
          lastSeq,
          listing: sessionListing(state, lastSeq),
          facilitators: new Set(
            state.credentials.filter((c) => c.kind === 'facilitator' && !c.revoked).map((c) => c.tokenHash),
          ),
        };
        this.#cache.set(summary.sessionId, entry);
      }
      if (entry.facilitators.has(tokenHash)) listings.push(entry.listing);
    }
    return listings;
  }

  /** Forgets a session (deleted from the store). */
  forget(sessionId: string): void {
    this.#cache.delete(sessionId);
  }
}
