import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = 'tests/shared/scenario/fixtures';
const scratch = mkdtempSync(path.join(tmpdir(), 'scenario-check-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the real CLI, as `npm run scenario:check -- <files>` does. */
function check(...files: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/scenario-check.ts', ...files], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: run.status, lines: run.stdout.trim().split('\n').filter(Boolean), stderr: run.stderr };
}

describe('npm run scenario:check', () => {
  it('prints OK for a valid file and exits 0', () => {
    expect(check(`${fixtures}/minimal.yaml`)).toMatchObject({
      status: 0,
      lines: [`OK ${fixtures}/minimal.yaml`],
    });
  });

  it('prints every problem as file:line:column path: message and exits 1 when any file has one', () => {
    const result = check(
      `${fixtures}/minimal.yaml`,
      `${fixtures}/weights-not-100.yaml`,
      `${fixtures}/unknown-role.yaml`,
    );
    expect(result.status).toBe(1);
    expect(result.lines).toEqual([
      `OK ${fixtures}/minimal.yaml`,
      `${fixtures}/weights-not-100.yaml:83:5 scoring.rubric: weights must add up to 100, but leadership 60 + strategy 30 = 90`,
      `${fixtures}/unknown-role.yaml:46:17 actions.0.decision.approvals.0.role: unknown role "cf0" (did you mean "cfo"?)`,
    ]);
  });

  it('refuses a 10 MB file from its size, without reading it', () => {
    const huge = path.join(scratch, 'huge.yaml');
    writeFileSync(huge, `summary: ${'x'.repeat(10 * 1024 * 1024)}\n`);
    const result = check(huge);
    expect(result.status).toBe(1);
    expect(result.lines).toEqual([
      `${huge}:1:1 (root): the file is 10 MB (10485770 bytes); scenario files are limited to 1 MB, so it was not read`,
    ]);
  });

  it('reports a file that cannot be read', () => {
    expect(check(`${fixtures}/no-such-file.yaml`)).toMatchObject({
      status: 1,
      lines: [`${fixtures}/no-such-file.yaml:1:1 (root): cannot read the file: no such file`],
    });
  });

  it('explains its usage and exits 2 without files', () => {
    const result = check();
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/usage: npm run scenario:check -- <scenario.yaml>/);
  });
});
