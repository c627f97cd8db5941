import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListScenariosResponse } from '../../../shared/protocol/rest';
import type {
  InvalidScenario,
  SavedScenario,
  ScenarioDetail,
  ScenarioLibraryList,
} from '../../../shared/protocol/scenario-library';
import { type RedisServer, startRedisServer } from '../../helpers/redis-server';
import { startTestServer } from '../../helpers/test-server';

/**
 * The scenario library over REST (issue 15): uploads are checked as `npm run scenario:check` checks
 * files, every problem located; a valid upload is listed at once and survives a restart, on the file
 * store and on Redis; SCENARIO_DIR is watched; versions are immutable and downloadable.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));
const MINIMAL = readFileSync(path.join(root, 'tests/shared/scenario/fixtures/minimal.yaml'), 'utf8');
const KEY = 'library-key-1234';

/** The minimal fixture under another id and title. */
function scenarioText(id: string, title = `Uploaded ${id}`): string {
  return MINIMAL.replace(/^id: minimal$/m, `id: ${id}`).replace(/^title: .*$/m, `title: ${title}`);
}

function client(url: string, key?: string) {
  const headers = (type?: string): Record<string, string> => ({
    ...(type ? { 'content-type': type } : {}),
    ...(key ? { 'x-facilitator-key': key } : {}),
  });
  return {
    upload: (text: string, type = 'application/yaml', query = '') =>
      fetch(`${url}/api/scenarios${query}`, { method: 'POST', headers: headers(type), body: text }),
    saveVersion: (id: string, text: string) =>
      fetch(`${url}/api/scenarios/${id}/versions`, {
        method: 'POST',
        headers: headers('application/yaml'),
        body: text,
      }),
    post: (p: string, body: unknown) =>
      fetch(`${url}/api/scenarios${p}`, {
        method: 'POST',
        headers: headers('application/json'),
        body: JSON.stringify(body),
      }),
    get: (p: string) => fetch(`${url}/api${p}`, { headers: headers() }),
    list: async () => (await (await fetch(`${url}/api/scenarios`)).json()) as ScenarioLibraryList,
  };
}

/** A scenario file with exactly three problems, on three lines. */
const THREE_PROBLEMS = scenarioText('three-problems')
  .replace('durationMinutes: 30', 'durationMinutes: -5')
  .replace('    category: infrastructure', '    category: plumbing')
  .replace(/^audience: Test players$/m, 'audience: Test players\nlearningObjectivez: [typo]');

describe('scenario library REST', () => {
  it('an upload with three problems gets all three, each with its line and column; nothing is saved', async () => {
    const server = await startTestServer();
    try {
      const api = client(server.url);
      const res = await api.upload(THREE_PROBLEMS, 'application/yaml', '?file=three.yaml');
      expect(res.status).toBe(422);
      const body = (await res.json()) as InvalidScenario;
      expect(body.code).toBe('invalid-scenario');
      expect(body.problems).toHaveLength(3);
      const lines = THREE_PROBLEMS.split('\n');
      for (const problem of body.problems) {
        expect(problem.file).toBe('three.yaml');
        expect(problem.line).toBeGreaterThan(0);
        expect(problem.column).toBeGreaterThan(0);
      }
      expect(body.problems.map((p) => lines[p.line - 1]?.trim()).sort()).toEqual(
        ['category: plumbing', 'durationMinutes: -5', 'learningObjectivez: [typo]'].sort(),
      );
      expect((await api.list()).library.map((e) => e.scenarioId)).not.toContain('three-problems');
    } finally {
      await server.close();
    }
  });

  it('JSON uploads are read with their own lines; size and alias limits apply', async () => {
    const server = await startTestServer();
    try {
      const api = client(server.url);
      const json = JSON.stringify({ id: 'bad json' }, null, 2);
      const res = await api.upload(json, 'application/json');
      expect(res.status).toBe(422);
      const body = (await res.json()) as InvalidScenario;
      expect(body.problems.some((p) => p.line === 2 && p.path === 'id')).toBe(true);
      const laughs = readFileSync(
        path.join(root, 'tests/shared/scenario/fixtures/billion-laughs.yaml'),
        'utf8',
      );
      expect((await api.upload(laughs)).status).toBe(422);
      const huge = await api.upload(`# ${'x'.repeat(1024 * 1024 + 10)}\n`);
      expect(huge.status).toBe(413);
      expect(((await huge.json()) as InvalidScenario).problems[0]?.message).toMatch(/limited to/);
    } finally {
      await server.close();
    }
  });

  it('versions are immutable: save, list, download each as YAML, duplicate, archive', async () => {
    const server = await startTestServer();
    try {
      const api = client(server.url);
      expect((await api.upload(scenarioText('drill'))).status).toBe(201);
      // The same id again is a new version, not a second upload.
      expect((await api.upload(scenarioText('drill'))).status).toBe(409);
      const v2 = await api.saveVersion('drill', scenarioText('drill', 'Drill, second draft'));
      expect(((await v2.json()) as SavedScenario).version).toBe(2);
      const mismatch = await api.saveVersion('drill', scenarioText('other'));
      expect(mismatch.status).toBe(400);

      const v1 = await api.get('/scenarios/drill/versions/1.yaml');
      expect(v1.headers.get('content-type')).toMatch(/application\/yaml/);
      expect(v1.headers.get('content-disposition')).toContain('drill-v1.yaml');
      expect(await v1.text()).toBe(scenarioText('drill'));
      const detail = (await (await api.get('/scenarios/drill')).json()) as ScenarioDetail;
      expect(detail).toMatchObject({ version: 2, entry: { title: 'Drill, second draft' } });
      expect(detail.entry.versions.map((v) => [v.version, v.origin])).toEqual([
        [1, 'upload'],
        [2, 'edit'],
      ]);

      const copy = await api.post('/drill/duplicate', { id: 'drill-copy', title: 'Drill copy' });
      expect(copy.status).toBe(201);
      const copied = await (await api.get('/scenarios/drill-copy/versions/1.yaml')).text();
      // The copy is the file with its id and title changed, comments and all.
      expect(copied).toBe(scenarioText('drill-copy', 'Drill copy'));

      expect((await api.post('/drill/archive', { archived: true })).status).toBe(200);
      const list = await api.list();
      expect(list.scenarios.map((s) => s.id)).not.toContain('drill');
      expect(list.library.find((e) => e.scenarioId === 'drill')).toMatchObject({ archived: true });
      expect((await api.get('/scenarios/drill/versions/2.yaml')).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('the facilitator key, when set, guards every write and every read of a scenario text', async () => {
    const server = await startTestServer({ FACILITATOR_KEY: KEY });
    try {
      const anonymous = client(server.url);
      expect((await anonymous.upload(scenarioText('guarded'))).status).toBe(401);
      expect((await anonymous.get('/scenarios/socialwave-first-30-days')).status).toBe(401);
      expect((await anonymous.get('/scenarios/socialwave-first-30-days/versions/1.yaml')).status).toBe(401);
      expect((await anonymous.post('/socialwave-first-30-days/archive', { archived: true })).status).toBe(
        401,
      );
      // The public list stays public: summaries only.
      expect((await anonymous.list()).scenarios.length).toBeGreaterThan(0);
      expect((await client(server.url, KEY).upload(scenarioText('guarded'))).status).toBe(201);
    } finally {
      await server.close();
    }
  });

  describe.each(['file', 'redis'] as const)('on the %s backend', (backend) => {
    let redis: RedisServer | undefined;
    beforeAll(async () => {
      if (backend === 'redis') redis = await startRedisServer();
    });
    afterAll(async () => {
      await redis?.dispose();
    });

    it('a valid upload is listed at once, without a restart, and survives a restart', async () => {
      const env: Record<string, string> = {
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ct-library-')),
        ...(redis ? { REDIS_URL: redis.url } : {}),
      };
      const first = await startTestServer(env);
      try {
        const res = await client(first.url).upload(scenarioText('uploaded-drill'));
        expect(res.status).toBe(201);
        const listed = (await (await fetch(`${first.url}/api/scenarios`)).json()) as ListScenariosResponse;
        expect(listed.scenarios.map((s) => s.id)).toContain('uploaded-drill');
        // An exercise can start from it at once.
        const created = await fetch(`${first.url}/api/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ scenarioId: 'uploaded-drill' }),
        });
        expect(created.status).toBe(201);
      } finally {
        await first.close();
      }
      const second = await startTestServer(env);
      try {
        const list = await client(second.url).list();
        expect(list.scenarios.map((s) => s.id)).toContain('uploaded-drill');
        expect(list.library.find((e) => e.scenarioId === 'uploaded-drill')?.versions).toHaveLength(1);
        // The shipped files read again at start add no version.
        expect(list.library.find((e) => e.scenarioId === 'socialwave-first-30-days')?.versions).toHaveLength(
          1,
        );
      } finally {
        await second.close();
      }
    });
  });

  it('SCENARIO_DIR is watched: a changed file is a new version, listed without a restart; a broken one is reported, located', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ct-scenario-dir-'));
    writeFileSync(path.join(dir, 'drill.yaml'), scenarioText('folder-drill', 'Folder drill'));
    const server = await startTestServer({ SCENARIO_DIR: dir });
    try {
      const api = client(server.url);
      const titleOf = async () => (await api.list()).library.find((e) => e.scenarioId === 'folder-drill');
      expect(await titleOf()).toMatchObject({
        title: 'Folder drill',
        versions: [{ origin: 'folder', source: 'drill.yaml' }],
      });

      writeFileSync(path.join(dir, 'drill.yaml'), scenarioText('folder-drill', 'Folder drill, revised'));
      await expect
        .poll(async () => (await titleOf())?.title, { timeout: 5_000 })
        .toBe('Folder drill, revised');
      expect((await titleOf())?.versions.map((v) => v.version)).toEqual([1, 2]);
      expect((await api.list()).scenarios.find((s) => s.id === 'folder-drill')?.title).toBe(
        'Folder drill, revised',
      );

      writeFileSync(path.join(dir, 'broken.yaml'), THREE_PROBLEMS);
      await expect
        .poll(async () => (await api.list()).problems.filter((p) => p.file === 'broken.yaml').length, {
          timeout: 5_000,
        })
        .toBe(3);
    } finally {
      await server.close();
    }
  });
});
