import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  InvalidStoreRequestError,
  type SessionStore,
  type StoredEvent,
  StoreUnavailableError,
} from '../../../server/store/session-store';

/**
 * The one contract every SessionStore keeps (memory, file, Redis). Each test gets a fresh, empty
 * store from `makeStore` and the suite closes it afterwards.
 */
export function describeStoreContract(name: string, makeStore: () => Promise<SessionStore>): void {
  describe(`SessionStore contract: ${name}`, () => {
    let open: SessionStore[] = [];
    const fresh = async () => {
      const store = await makeStore();
      open.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(open.map((store) => store.close()));
      open = [];
    });

    it('loads an unknown session as empty', async () => {
      const store = await fresh();
      expect(await store.load('nobody-here')).toEqual({
        sessionId: 'nobody-here',
        snapshot: undefined,
        events: [],
        lastSeq: 0,
        warnings: [],
      });
      expect(await store.list()).toEqual([]);
    });

    it('returns appended events in order with their seqs', async () => {
      const store = await fresh();
      expect(await store.append('s1', 0, events(1, 1))).toEqual({ ok: true, lastSeq: 1 });
      expect(await store.append('s1', 1, events(2, 4))).toEqual({ ok: true, lastSeq: 4 });
      const loaded = await store.load('s1');
      expect(loaded.events).toEqual(events(1, 4));
      expect(loaded.lastSeq).toBe(4);
      expect(loaded.snapshot).toBeUndefined();
      expect(loaded.warnings).toEqual([]);
    });

    it('keeps sessions apart', async () => {
      const store = await fresh();
      await store.append('a', 0, events(1, 2, 'a'));
      await store.append('b', 0, events(1, 1, 'b'));
      expect((await store.load('a')).events).toEqual(events(1, 2, 'a'));
      expect((await store.load('b')).events).toEqual(events(1, 1, 'b'));
    });

    it('refuses events whose seqs do not follow expectedSeq without a gap, and stores nothing', async () => {
      const store = await fresh();
      await store.append('s1', 0, events(1, 2));
      const refusals = [
        store.append('s1', 2, events(4, 4)), // gap
        store.append('s1', 2, [...events(3, 3), ...events(5, 5)]), // gap inside the batch
        store.append('s1', 2, events(2, 2)), // repeats a seq
        store.append('s1', 2, []),
        store.append('s1', -1, events(0, 0)),
        store.append('s1', 2, [{ seq: 3, type: '', at: 1, data: null }]),
        store.append('s1', 2, [{ seq: 3, type: 'x', at: Number.NaN, data: null }]),
        store.append('../etc', 0, events(1, 1)),
        store.append('a b', 0, events(1, 1)),
        store.append('', 0, events(1, 1)),
      ];
      for (const refusal of refusals) {
        await expect(refusal).rejects.toBeInstanceOf(InvalidStoreRequestError);
      }
      await expect(store.append('s1', 2, events(4, 4))).rejects.toMatchObject({
        code: 'invalid-store-request',
      });
      const loaded = await store.load('s1');
      expect(loaded.events).toEqual(events(1, 2));
      expect((await store.list()).map((s) => s.sessionId)).toEqual(['s1']);
    });

    it('reports a conflict when expectedSeq is not the last seq, and changes nothing', async () => {
      const store = await fresh();
      await store.append('s1', 0, events(1, 3));
      expect(await store.append('s1', 0, events(1, 1, 'late'))).toEqual({
        ok: false,
        code: 'conflict',
        lastSeq: 3,
      });
      expect(await store.append('s1', 2, events(3, 4, 'late'))).toEqual({
        ok: false,
        code: 'conflict',
        lastSeq: 3,
      });
      expect(await store.append('s1', 7, events(8, 8, 'ahead'))).toEqual({
        ok: false,
        code: 'conflict',
        lastSeq: 3,
      });
      expect((await store.load('s1')).events).toEqual(events(1, 3));
      // A session nobody has written is at seq 0, and a conflict does not bring it into existence.
      expect(await store.append('fresh', 2, events(3, 3))).toEqual({
        ok: false,
        code: 'conflict',
        lastSeq: 0,
      });
      expect((await store.list()).map((s) => s.sessionId)).toEqual(['s1']);
    });

    it('lets exactly one of many concurrent writers with the same expectedSeq win', async () => {
      const store = await fresh();
      let expectedSeq = 0;
      for (const batch of [1, 3, 2]) {
        const writers = Array.from({ length: 16 }, (_, writer) =>
          store.append('race', expectedSeq, events(expectedSeq + 1, expectedSeq + batch, `writer-${writer}`)),
        );
        const results = await Promise.all(writers);
        const winners = results.flatMap((result, writer) => (result.ok ? [writer] : []));
        expect(winners).toHaveLength(1);
        for (const result of results) {
          expect(result.lastSeq).toBe(expectedSeq + batch);
          if (!result.ok) expect(result.code).toBe('conflict');
        }
        const loaded = await store.load('race');
        expect(loaded.events.slice(expectedSeq)).toEqual(
          events(expectedSeq + 1, expectedSeq + batch, `writer-${winners[0]}`),
        );
        expectedSeq += batch;
      }
      expect((await store.load('race')).lastSeq).toBe(6);
    });

    it('loads the newest snapshot plus only the events after it', async () => {
      const store = await fresh();
      await store.append('s1', 0, events(1, 3));
      await store.append('s1', 3, events(4, 5));
      await store.snapshot('s1', { seq: 3, state: { round: 2, metrics: [1, 2, 3] } });
      let loaded = await store.load('s1');
      expect(loaded.snapshot).toEqual({ seq: 3, state: { round: 2, metrics: [1, 2, 3] } });
      expect(loaded.events).toEqual(events(4, 5));
      expect(loaded.lastSeq).toBe(5);

      await store.snapshot('s1', { seq: 5, state: 'at five' });
      loaded = await store.load('s1');
      expect(loaded.snapshot).toEqual({ seq: 5, state: 'at five' });
      expect(loaded.events).toEqual([]);
      expect(loaded.lastSeq).toBe(5);

      // An older snapshot arriving late (a stale writer) does not replace the newer one.
      await store.snapshot('s1', { seq: 4, state: 'stale' });
      expect((await store.load('s1')).snapshot).toEqual({ seq: 5, state: 'at five' });

      await store.append('s1', 5, events(6, 6));
      loaded = await store.load('s1');
      expect(loaded.events).toEqual(events(6, 6));
      expect(loaded.lastSeq).toBe(6);
    });

    it('reads the whole log from seq 1 whatever snapshot exists, or the part after a given seq', async () => {
      const store = await fresh();
      expect(await store.readEvents('nobody-here')).toEqual([]);
      await store.append('s1', 0, events(1, 3));
      await store.append('s1', 3, events(4, 6));
      await store.append('other', 0, events(1, 2, 'other'));
      await store.snapshot('s1', { seq: 5, state: 'at five' });
      expect((await store.load('s1')).events).toEqual(events(6, 6));
      expect(await store.readEvents('s1')).toEqual(events(1, 6));
      expect(await store.readEvents('s1', 0)).toEqual(events(1, 6));
      // afterSeq may fall inside one append's batch.
      expect(await store.readEvents('s1', 2)).toEqual(events(3, 6));
      expect(await store.readEvents('s1', 4)).toEqual(events(5, 6));
      expect(await store.readEvents('s1', 6)).toEqual([]);
      expect(await store.readEvents('s1', 99)).toEqual([]);
      expect(await store.readEvents('other')).toEqual(events(1, 2, 'other'));
      await store.archive('s1');
      expect(await store.readEvents('s1')).toEqual(events(1, 6));
      await store.delete('s1');
      expect(await store.readEvents('s1')).toEqual([]);
    });

    it('refuses a malformed readEvents request', async () => {
      const store = await fresh();
      await store.append('s1', 0, events(1, 2));
      for (const afterSeq of [-1, 1.5, Number.NaN]) {
        await expect(store.readEvents('s1', afterSeq)).rejects.toBeInstanceOf(InvalidStoreRequestError);
      }
      await expect(store.readEvents('../etc')).rejects.toBeInstanceOf(InvalidStoreRequestError);
      await expect(store.readEvents('')).rejects.toMatchObject({ code: 'invalid-store-request' });
    });

    it('refuses a snapshot past the end of the log or of an unknown session', async () => {
      const store = await fresh();
      await store.append('s1', 0, events(1, 2));
      await expect(store.snapshot('s1', { seq: 3, state: {} })).rejects.toBeInstanceOf(
        InvalidStoreRequestError,
      );
      await expect(store.snapshot('s1', { seq: 0, state: {} })).rejects.toBeInstanceOf(
        InvalidStoreRequestError,
      );
      await expect(store.snapshot('ghost', { seq: 1, state: {} })).rejects.toBeInstanceOf(
        InvalidStoreRequestError,
      );
      expect((await store.load('s1')).snapshot).toBeUndefined();
      expect((await store.load('ghost')).lastSeq).toBe(0);
    });

    it('lists sessions by id with their last seq, archives and deletes them', async () => {
      const store = await fresh();
      await store.append('charlie', 0, events(1, 1));
      await store.append('alpha', 0, events(1, 3));
      await store.append('bravo', 0, events(1, 2));
      await store.snapshot('bravo', { seq: 2, state: 'b' });
      expect(await store.list()).toEqual([
        { sessionId: 'alpha', lastSeq: 3, archived: false },
        { sessionId: 'bravo', lastSeq: 2, archived: false },
        { sessionId: 'charlie', lastSeq: 1, archived: false },
      ]);

      await store.archive('bravo');
      await store.archive('never-existed');
      await store.delete('alpha');
      await store.delete('never-existed');
      expect(await store.list()).toEqual([
        { sessionId: 'bravo', lastSeq: 2, archived: true },
        { sessionId: 'charlie', lastSeq: 1, archived: false },
      ]);
      // Archived stays loadable (for export); deleted is gone, snapshot and all.
      expect((await store.load('bravo')).snapshot).toEqual({ seq: 2, state: 'b' });
      expect(await store.load('alpha')).toMatchObject({ events: [], lastSeq: 0, snapshot: undefined });
      expect(await store.load('never-existed')).toMatchObject({ events: [], lastSeq: 0 });

      // A deleted id starts over from seq 0.
      expect(await store.append('alpha', 0, events(1, 1, 'again'))).toEqual({ ok: true, lastSeq: 1 });
      expect((await store.load('alpha')).events).toEqual(events(1, 1, 'again'));
      expect((await store.list()).find((s) => s.sessionId === 'alpha')).toEqual({
        sessionId: 'alpha',
        lastSeq: 1,
        archived: false,
      });
    });

    it('round-trips unicode, awkward strings and large data exactly', async () => {
      const store = await fresh();
      const awkward = {
        emoji: '🧯🔥 crisis 👩🏽‍💻',
        scripts: 'Ünïcödé · 危机 · أزمة · кризис · संकट',
        separators: 'line\nbreak\r\ncarriage\u2028ls\u2029ps\ttab',
        controls: '\u0000\u0001\u001f\u007f',
        loneSurrogates: '\ud800 and \udfff',
        quotes: `"'\\\`{}[],:`,
        numbers: [0, -1, 1.5, 1e-300, 1.7976931348623157e308, Number.MAX_SAFE_INTEGER],
        nested: { a: [{ b: [null, true, false, { c: {} }] }] },
        large: 'x'.repeat(1024 * 1024),
      };
      const written = [
        { seq: 1, type: 'inject-fired ✉️', at: 1_700_000_000_123, data: awkward },
        { seq: 2, type: 'nothing', at: 0, data: null },
        { seq: 3, type: 'text', at: -5, data: '\n' },
      ];
      await store.append('s1', 0, written);
      expect((await store.load('s1')).events).toStrictEqual(written);
      await store.snapshot('s1', { seq: 2, state: awkward });
      const loaded = await store.load('s1');
      expect(loaded.snapshot).toStrictEqual({ seq: 2, state: awkward });
      expect(loaded.events).toStrictEqual([written[2]]);
    });

    it('round-trips arbitrary JSON data exactly (seeded property)', async () => {
      const store = await fresh();
      let seq = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.jsonValue({ stringUnit: 'binary', maxDepth: 4 }), { minLength: 1, maxLength: 3 }),
          async (datas) => {
            const batch = datas.map((data, index) => ({ seq: seq + index + 1, type: 'json', at: seq, data }));
            expect(await store.append('json', seq, batch)).toEqual({ ok: true, lastSeq: seq + batch.length });
            seq += batch.length;
            const loaded = await store.load('json');
            // JSON carries -0 as 0; everything else comes back exactly.
            expect(loaded.events.slice(-batch.length)).toStrictEqual(JSON.parse(JSON.stringify(batch)));
          },
        ),
        { seed: 20240607, numRuns: 40 },
      );
    });

    it('stores only seq, type, at and data, and is not affected by later mutation of the input', async () => {
      const store = await fresh();
      const event = { seq: 1, type: 'decision', at: 10, data: { votes: ['cfo'] }, extra: 'not persisted' };
      await store.append('s1', 0, [event]);
      event.data.votes.push('investor');
      expect((await store.load('s1')).events).toStrictEqual([
        { seq: 1, type: 'decision', at: 10, data: { votes: ['cfo'] } },
      ]);
    });

    it('answers ping while open and refuses work with storage-unavailable once closed', async () => {
      const store = await fresh();
      expect(await store.ping()).toBe(true);
      await store.close();
      expect(await store.ping()).toBe(false);
      await expect(store.append('s1', 0, events(1, 1))).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.load('s1')).rejects.toMatchObject({ code: 'storage-unavailable' });
      await expect(store.readEvents('s1')).rejects.toMatchObject({ code: 'storage-unavailable' });
    });
  });
}

/** Events from..to (inclusive) with data that names who wrote them. */
export function events(from: number, to: number, author = 'test'): StoredEvent[] {
  const list: StoredEvent[] = [];
  for (let seq = from; seq <= to; seq++) {
    list.push({ seq, type: 'proposal-submitted', at: 1_700_000_000_000 + seq, data: { author, seq } });
  }
  return list;
}
