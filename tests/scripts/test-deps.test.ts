import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTestDeps, type InstallStep } from '../../scripts/test-deps.mjs';

const SCRIPT = path.resolve('scripts/test-deps.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'crisis-table-test-deps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in executable, so the check sees a program without the real one. */
function fakeProgram(name: string, folder = dir): string {
  const file = path.join(folder, name);
  writeFileSync(file, '#!/bin/sh\nexit 0\n');
  chmodSync(file, 0o755);
  return file;
}
const fakeChromium = fakeProgram('chromium');
const emptyPath = mkdtempSync(path.join(dir, 'bin-'));

/** Runs the CLI as `npm test` does, with a PATH of only `pathEnv` (node itself is run by absolute path). */
function runCli(env: Record<string, string>) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [SCRIPT], {
    env: { PATH: emptyPath, CT_TEST_DEPS_INSTALL: 'never', ...env },
    encoding: 'utf8',
    timeout: 10_000,
  });
  return { ...result, ms: Date.now() - started };
}

describe('scripts/test-deps.mjs, the check `npm test` runs first', () => {
  it('stops within seconds naming redis-server and the command that installs it', () => {
    const result = runCli({ CT_TEST_DEPS_CHROMIUM: fakeChromium });
    expect(result.status).toBe(1);
    expect(result.ms).toBeLessThan(5_000);
    expect(result.stderr).toContain('redis-server');
    expect(result.stderr).toContain('apt-get install -y redis-server');
    // Chromium is present here, so it is neither named nor in the command.
    expect(result.stderr).not.toContain('Chromium');
    expect(result.stderr).not.toMatch(/install -y .*chromium/);
  });

  it('names both packages in one command when Chromium is missing too', () => {
    const result = runCli({ CT_TEST_DEPS_CHROMIUM: path.join(dir, 'no-such-chromium') });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('apt-get install -y chromium redis-server');
  });

  it('passes silently when both are there', () => {
    const bin = mkdtempSync(path.join(dir, 'bin-'));
    fakeProgram('redis-server', bin);
    const result = runCli({ CT_TEST_DEPS_CHROMIUM: fakeChromium, PATH: bin });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('can be skipped, and says so', () => {
    const result = runCli({ CT_SKIP_TEST_DEPS: '1' });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/skipped \(CT_SKIP_TEST_DEPS=1\)/);
  });

  it('installs with apt-get where it may, updating the package lists first when there are none', () => {
    const bin = mkdtempSync(path.join(dir, 'bin-'));
    const chromium = path.join(bin, 'chromium');
    const steps: InstallStep[] = [];
    const result = checkTestDeps({
      chromiumPath: chromium,
      pathEnv: bin,
      canInstall: true,
      aptListsPresent: false,
      log: () => {},
      // The "installation" puts the programs where the check looks.
      run: (step) => {
        steps.push(step);
        if (step.args[0] === 'install') {
          fakeProgram('chromium', bin);
          fakeProgram('redis-server', bin);
        }
        return 0;
      },
    });
    expect(steps).toEqual([
      { command: 'apt-get', args: ['update', '-qq'] },
      { command: 'apt-get', args: ['install', '-y', '-qq', 'chromium', 'redis-server'] },
    ]);
    expect(result.ok).toBe(true);
    expect(result.installed.map((m) => m.apt)).toEqual(['chromium', 'redis-server']);
  });

  it('retries once after apt-get update when the install fails on stale lists, then reports', () => {
    const steps: string[] = [];
    const result = checkTestDeps({
      chromiumPath: fakeChromium,
      pathEnv: emptyPath,
      canInstall: true,
      aptListsPresent: true,
      log: () => {},
      run: (step) => {
        steps.push(step.args[0] ?? '');
        return step.args[0] === 'install' ? 100 : 0;
      },
    });
    expect(steps).toEqual(['install', 'update', 'install']);
    expect(result.ok).toBe(false);
    expect(result.message).toContain('apt-get install exited with 100');
    expect(result.message).toContain('apt-get install -y redis-server');
  });
});
