import { expect, it } from 'vitest';
import { LeaseLostError, type RedisStore } from '../../../server/store/redis-store';
import type { StoredEvent } from '../../../server/store/session-store';

/**
 * The lease and fencing epoch of many machines (server/cluster/session-ownership.ts) at the store,
 * on one Redis or a Redis Cluster: one owner at a time, a new epoch for every new owner, and an
 * append carrying an epoch older than the newest owner's refused by the same script that does the
 * compare-and-set. `store` is open for the whole suite; each test uses session ids of its own.
 */
export function describeLeaseContract(store: () => RedisStore): void {
  const event = (seq: number): StoredEvent =>
    ({ seq, type: 'note', at: seq, data: { seq } }) as unknown as StoredEvent;

  it('one owner at a time; once another process took the lease, the old epoch cannot append', async () => {
    const s = store();
    const first = await s.acquireLease('s1', 'a@http://a', 300);
    expect(first).toEqual({ epoch: 1 });
    expect(await s.acquireLease('s1', 'b@http://b', 300)).toEqual({
      epoch: undefined,
      holder: '1 a@http://a',
    });
    expect(await s.append('s1', 0, [event(1)], 1)).toEqual({ ok: true, lastSeq: 1 });
    expect(await s.renewLease('s1', 1, 'a@http://a', 300)).toBe(true);

    // The owner stops renewing and its lease expires. With nobody else taking it there is no other
    // writer, and its write still goes through the seq compare-and-set (a Redis that hung past the lease).
    await new Promise((r) => setTimeout(r, 400));
    expect(await s.leaseHolder('s1')).toBeUndefined();
    expect(await s.append('s1', 1, [event(2)], 1)).toEqual({ ok: true, lastSeq: 2 });
    // Another process takes it: from then on the old epoch is refused, before the new owner wrote anything.
    const second = await s.acquireLease('s1', 'b@http://b', 300);
    expect(second).toEqual({ epoch: 2 });
    await expect(s.append('s1', 2, [event(3)], 1)).rejects.toBeInstanceOf(LeaseLostError);
    expect(await s.renewLease('s1', 1, 'a@http://a', 300)).toBe(false);
    expect(await s.append('s1', 2, [event(3)], 2)).toEqual({ ok: true, lastSeq: 3 });
    expect((await s.readEvents('s1')).map((e) => e.seq)).toEqual([1, 2, 3]);

    // Released: free at once, and the next owner gets a new epoch.
    await s.releaseLease('s1', 1, 'a@http://a'); // not the holder: no effect
    expect(await s.leaseHolder('s1')).toBe('2 b@http://b');
    await s.releaseLease('s1', 2, 'b@http://b');
    expect(await s.leaseHolder('s1')).toBeUndefined();
    expect(await s.acquireLease('s1', 'a@http://a', 300)).toEqual({ epoch: 3 });
  });

  it('a deleted session keeps its epoch counter: a recreated id never reuses an epoch', async () => {
    const s = store();
    expect(await s.acquireLease('s3', 'a@http://a', 1000)).toEqual({ epoch: 1 });
    await s.append('s3', 0, [event(1)], 1);
    await s.delete('s3');
    expect(await s.leaseHolder('s3')).toBeUndefined();
    expect(await s.acquireLease('s3', 'b@http://b', 1000)).toEqual({ epoch: 2 });
    await expect(s.append('s3', 0, [event(1)], 1)).rejects.toBeInstanceOf(LeaseLostError);
    expect(await s.append('s3', 0, [event(1)], 2)).toEqual({ ok: true, lastSeq: 1 });
  });
}
