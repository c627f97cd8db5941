import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { type Golden, goldenFile } from '../../golden/games';

/**
 * `replay` and the machine run with no server module loaded: a separate Node process replays a
 * golden log through shared/session while a module hook records every module it resolves.
 */
test('replay and the machine run in a process that loads no server module', () => {
  const game = { kind: 'computers', scenarioId: 'socialwave-hypergrowth', seed: 7 } as const;
  const trace = path.join(mkdtempSync(path.join(tmpdir(), 'ct-trace-')), 'modules.txt');
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      './tests/helpers/module-trace.mjs',
      '--import',
      'tsx',
      'tests/shared/session/fixtures/replay-golden-cli.ts',
      goldenFile(game),
    ],
    { encoding: 'utf8', env: { ...process.env, MODULE_TRACE_FILE: trace }, timeout: 60_000 },
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const golden = JSON.parse(readFileSync(goldenFile(game), 'utf8')) as Golden;
  expect(JSON.parse(run.stdout)).toEqual({ digest: golden.stateDigest, machinePhase: 'debrief' });

  const modules = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
  const ours = modules.filter((url) => url.startsWith('file:') && !url.includes('/node_modules/'));
  // The trace is real: it saw the session modules it ran.
  expect(ours.some((url) => url.endsWith('/shared/session/machine.ts'))).toBe(true);
  expect(ours.some((url) => url.endsWith('/shared/session/replay.ts'))).toBe(true);
  expect(ours.filter((url) => url.includes('/server/'))).toEqual([]);
});
