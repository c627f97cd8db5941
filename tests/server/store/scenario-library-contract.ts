import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioLibrary } from '../../../server/store/scenario-library';

/**
 * What every scenario library keeps (memory, files, Redis, Redis Cluster): immutable versions
 * numbered 1, 2, 3, a save of the latest text writing nothing, archived records kept. `shared`
 * backends (Redis) are opened twice on one store, as two processes do: saves racing from both
 * never write the same version number, and each sees the other's versions.
 */
export function describeScenarioLibraryContract(
  name: string,
  open: () => Promise<{ library: ScenarioLibrary; twin?: () => Promise<ScenarioLibrary> }>,
): void {
  describe(`ScenarioLibrary contract: ${name}`, () => {
    let opened: ScenarioLibrary[] = [];
    const fresh = async () => {
      const made = await open();
      opened.push(made.library);
      return made;
    };
    afterEach(async () => {
      await Promise.all(opened.map((library) => library.close()));
      opened = [];
    });
    const meta = (savedAt: number) => ({ origin: 'upload' as const, savedAt });

    it('appends versions, reads each back as saved, and writes nothing for the latest text again', async () => {
      const { library } = await fresh();
      expect(await library.entries()).toEqual([]);
      const first = await library.save('drill', 'title: one # a comment\n', meta(1));
      expect(first).toMatchObject({ created: true, version: { version: 1, savedAt: 1, origin: 'upload' } });
      expect((await library.save('drill', 'title: one # a comment\n', meta(2))).created).toBe(false);
      expect((await library.save('drill', 'title: two\n', meta(3))).version.version).toBe(2);
      // An older text again is a new version, unless the caller asks to skip known texts (folders).
      expect(
        (await library.save('drill', 'title: one # a comment\n', { ...meta(4), unlessKnown: true })).version
          .version,
      ).toBe(1);
      expect((await library.save('drill', 'title: one # a comment\n', meta(5))).version.version).toBe(3);
      expect(await library.read('drill', 1)).toBe('title: one # a comment\n');
      expect(await library.read('drill', 2)).toBe('title: two\n');
      expect(await library.read('drill', 4)).toBeUndefined();
      expect((await library.entry('drill'))?.versions.map((v) => v.version)).toEqual([1, 2, 3]);
      expect(await library.entry('nobody')).toBeUndefined();
    });

    it('lists every scenario sorted by id and keeps archived ones with their versions', async () => {
      const { library } = await fresh();
      for (const id of ['zulu', 'alpha', 'mike']) await library.save(id, `title: ${id}\n`, meta(1));
      expect(await library.setArchived('mike', true)).toBe(true);
      expect(await library.setArchived('nobody', true)).toBe(false);
      const entries = await library.entries();
      expect(entries.map((e) => [e.scenarioId, e.archived, e.versions.length])).toEqual([
        ['alpha', false, 1],
        ['mike', true, 1],
        ['zulu', false, 1],
      ]);
      expect(await library.read('mike', 1)).toBe('title: mike\n');
    });

    it('two processes saving at once never write one version number twice', async () => {
      const made = await fresh();
      if (!made.twin) return;
      const twin = await made.twin();
      opened.push(twin);
      const texts = Array.from({ length: 12 }, (_, i) => `title: edit ${i}\n`);
      const results = await Promise.all(
        texts.map((text, i) => (i % 2 === 0 ? made.library : twin).save('shared', text, meta(i))),
      );
      const numbers = results.map((r) => r.version.version).sort((a, b) => a - b);
      expect(numbers).toEqual(texts.map((_, i) => i + 1));
      const record = await twin.entry('shared');
      expect(record?.versions.map((v) => v.version)).toEqual(numbers);
      for (const [i, result] of results.entries())
        expect(await made.library.read('shared', result.version.version)).toBe(texts[i]);
    });
  });
}
