import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The architecture rules of .dependency-cruiser.cjs (docs/architecture-rules.md), run as
 * `npm run lint:deps` runs them. A deliberately wrong tree shows that each rule bites; the real
 * repo must pass.
 */

const REPO = path.resolve(import.meta.dirname, '../..');
const DEPCRUISE = path.join(REPO, 'node_modules/.bin/depcruise');
const CONFIG = path.join(REPO, '.dependency-cruiser.cjs');

interface Violation {
  rule: { name: string; severity: string };
  from: string;
  to: string;
  /** For `no-circular`: the modules of the cycle, ending where it started. */
  cycle?: { name: string }[];
}
interface Dependency {
  module: string;
  resolved: string;
  couldNotResolve: boolean;
  dependencyTypes: string[];
}
interface CruiseResult {
  modules: { source: string; dependencies: Dependency[] }[];
  summary: { error: number; violations: Violation[] };
}

function depcruise(cwd: string, args: string[]) {
  // The whole repo's JSON report passed 1 MB (spawnSync's default buffer) as the code grew.
  return spawnSync(DEPCRUISE, [...args, '--config', CONFIG], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
}

function cruiseJson(cwd: string, args: string[]): CruiseResult {
  const run = depcruise(cwd, [...args, '--output-type', 'json']);
  if (run.error) throw run.error;
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as CruiseResult;
}

const violationsOf = (result: CruiseResult) =>
  result.summary.violations
    .map((v) => `${v.rule.name}: ${[v.from, ...(v.cycle?.map((c) => c.name) ?? [v.to])].join(' -> ')}`)
    // The wrong tree's node_modules is a link to the repo's, which resolves to a path outside it.
    .map((line) => line.replace(/(\.\.\/)+.*?node_modules\//g, 'node_modules/'))
    .sort();

/** A tree shaped like the repo, every file of which breaks a rule. */
const WRONG_TREE: Record<string, string> = {
  'server/x.ts': 'export const x = 1;\n',
  'server/realtime/gateway.ts': 'export const gateway = 1;\n',
  'server/store/store.ts': "import { gateway } from '../realtime/gateway';\nexport const store = gateway;\n",
  // A type-only import counts: it is a dependency before compilation.
  'shared/sim/bad.ts': "import type { x } from '../../server/x';\nexport type Bad = typeof x;\n",
  'shared/sim/sessions.ts': "import { session } from '../session/session';\nexport const s = session;\n",
  'shared/session/session.ts': 'export const session = 1;\n',
  'shared/scenario/ui.ts': "import type { ReactNode } from 'react';\nexport type Ui = ReactNode;\n",
  'server/store/http.ts': "import type { Request } from 'express';\nexport type R = Request;\n",
  'shared/views/fs.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
  'shared/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
  'shared/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
  'client/c.ts': "import { x } from '../server/x';\nexport const c = x;\n",
  // JSX in a .tsx file must parse (see the swc shim in .dependency-cruiser.cjs).
  'client/page.tsx': 'import { x } from \'../server/x\';\nexport const Page = () => <p title="t">{x}</p>;\n',
};

const wrong = mkdtempSync(path.join(tmpdir(), 'crisis-table-depcruise-'));
afterAll(() => rmSync(wrong, { recursive: true, force: true }));
// Packages resolve as they do in the repo.
symlinkSync(path.join(REPO, 'node_modules'), path.join(wrong, 'node_modules'), 'dir');
for (const [file, source] of Object.entries(WRONG_TREE)) {
  mkdirSync(path.dirname(path.join(wrong, file)), { recursive: true });
  writeFileSync(path.join(wrong, file), source);
}

describe('architecture rules: a deliberately wrong import fails them', () => {
  it('exits non-zero and names every violated rule', () => {
    const run = depcruise(wrong, ['shared', 'server', 'client', '--output-type', 'err']);
    expect(run.status).not.toBe(0);
    for (const rule of [
      'shared-is-isomorphic',
      'sim-knows-no-sessions',
      'views-are-pure',
      'store-knows-no-transport',
      'client-never-imports-server',
      'no-circular',
    ]) {
      expect(run.stdout).toContain(`error ${rule}:`);
    }
  });

  it('reports exactly the wrong imports, no more', () => {
    const result = cruiseJson(wrong, ['shared', 'server', 'client']);
    // A cycle is reported once, from whichever of its modules dependency-cruiser reaches first.
    const cycles = result.summary.violations.filter((v) => v.rule.name === 'no-circular');
    expect(cycles.map((v) => [v.from, ...(v.cycle ?? []).map((c) => c.name)].sort())).toEqual([
      ['shared/a.ts', 'shared/a.ts', 'shared/b.ts'],
    ]);
    expect(violationsOf(result).filter((v) => !v.startsWith('no-circular:'))).toEqual(
      [
        'client-never-imports-server: client/c.ts -> server/x.ts',
        'client-never-imports-server: client/page.tsx -> server/x.ts',
        'shared-is-isomorphic: shared/sim/bad.ts -> server/x.ts',
        'shared-is-isomorphic: shared/scenario/ui.ts -> node_modules/react/index.js',
        'shared-is-isomorphic: shared/views/fs.ts -> fs',
        'sim-knows-no-sessions: shared/sim/sessions.ts -> shared/session/session.ts',
        'store-knows-no-transport: server/store/http.ts -> node_modules/express/index.js',
        'store-knows-no-transport: server/store/store.ts -> server/realtime/gateway.ts',
        'views-are-pure: shared/views/fs.ts -> fs',
      ].sort(),
    );
  });
});

describe('architecture rules on the real repo', () => {
  const scripts = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).scripts;
  const script: string = scripts['lint:deps'];
  // The folders `npm run lint:deps` cruises, so this test checks what CI checks.
  const folders = script
    .split(/\s+/)
    .slice(1)
    .filter((arg, i, all) => !arg.startsWith('-') && !all[i - 1]?.startsWith('-'));
  let result: CruiseResult;
  beforeAll(() => {
    result = cruiseJson(REPO, folders);
  });

  it('runs from `npm run lint` on the source folders', () => {
    expect(script.startsWith('depcruise ')).toBe(true);
    expect(folders).toEqual(expect.arrayContaining(['shared', 'server', 'client']));
    expect(scripts.lint).toContain('npm run lint:deps');
  });

  it('reads every .ts and .tsx file and resolves every import', () => {
    // dependency-cruiser leaves out files it has no parser for and still passes, so check that it
    // read them all.
    const onDisk = folders.flatMap((folder) =>
      readdirSync(path.join(REPO, folder), { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.tsx?$/.test(file))
        .map((file) => path.posix.join(folder, file.split(path.sep).join('/'))),
    );
    expect(onDisk.length).toBeGreaterThan(150);
    const sources = new Set(result.modules.map((m) => m.source));
    expect(onDisk.filter((file) => !sources.has(file))).toEqual([]);
    const unresolved = result.modules.flatMap((m) =>
      m.dependencies.filter((d) => d.couldNotResolve).map((d) => `${m.source} -> ${d.module}`),
    );
    expect(unresolved).toEqual([]);
    const main = result.modules.find((m) => m.source === 'client/src/main.tsx');
    expect(main?.dependencies.map((d) => d.module)).toEqual(expect.arrayContaining(['react', './app']));
  });

  it('has no violations', () => {
    expect(violationsOf(result)).toEqual([]);
    expect(result.summary.error).toBe(0);
  });
});
