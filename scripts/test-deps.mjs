// What `npm test` needs outside node_modules, checked before vitest starts: Debian's Chromium at
// /usr/bin/chromium (browser tests) and `redis-server` on the PATH (Redis tests). Where it can install
// them (root with apt-get, as on CI) it does; otherwise it stops at once naming the missing packages
// and the one command that installs them. `.ci/run` calls the same script.
//
//   node scripts/test-deps.mjs           check, install where possible, exit 1 when still missing
//
// Environment:
//   CT_SKIP_TEST_DEPS=1          skip the check (for runs of unit tests only; browser and Redis suites
//                                then fail with launch and spawn errors if the programs are missing)
//   CT_TEST_DEPS_INSTALL=never   never install, only report (=auto, the default: install when root
//                                with apt-get on the PATH)
//   CT_TEST_DEPS_CHROMIUM=path   where to look for Chromium instead of /usr/bin/chromium; for this
//                                script's own test only, since the browser tests always launch
//                                /usr/bin/chromium
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * @typedef {{ name: string; apt: string; where: string }} Requirement
 * @typedef {{ command: string; args: string[] }} InstallStep
 * @typedef {{
 *   chromiumPath?: string;
 *   pathEnv?: string;
 *   canInstall?: boolean;
 *   aptListsPresent?: boolean;
 *   run?: (step: InstallStep) => number;
 *   log?: (line: string) => void;
 * }} CheckOptions
 * @typedef {{ ok: boolean; missing: Requirement[]; installed: Requirement[]; message: string }} CheckResult
 */

/** True when `file` is an executable regular file. */
function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable `name` in the directories of `pathEnv`, like `command -v`. */
export function findOnPath(name, pathEnv = process.env.PATH ?? '') {
  for (const dir of pathEnv.split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** @returns {Requirement[]} what is missing now */
function missingNow(chromiumPath, pathEnv) {
  /** @type {Requirement[]} */
  const missing = [];
  if (!isExecutable(chromiumPath)) missing.push({ name: 'Chromium', apt: 'chromium', where: chromiumPath });
  if (!findOnPath('redis-server', pathEnv))
    missing.push({ name: 'redis-server', apt: 'redis-server', where: 'on the PATH' });
  return missing;
}

/** Root with apt-get on the PATH: the only case where this script installs anything. */
export function canInstallHere(pathEnv = process.env.PATH ?? '') {
  return process.getuid?.() === 0 && findOnPath('apt-get', pathEnv) !== undefined;
}

/** Whether apt has package lists at all; a fresh container has none and must `apt-get update` first. */
function aptListsPresent() {
  const dir = '/var/lib/apt/lists';
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some((name) => name.endsWith('_Packages') || name.includes('_Packages.'));
}

function runStep({ command, args }) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status ?? 1;
}

/** The one command that installs `missing`, as its user would type it. */
export function installCommand(missing) {
  return `${sudo()}apt-get install -y ${missing.map((m) => m.apt).join(' ')}`;
}

function sudo() {
  return process.getuid?.() === 0 ? '' : 'sudo ';
}

/**
 * Checks for Chromium and redis-server; installs the missing ones with apt-get when allowed.
 * Every side effect is injectable so the test never runs apt-get.
 * @param {CheckOptions} options
 * @returns {CheckResult}
 */
export function checkTestDeps(options = {}) {
  const chromiumPath = options.chromiumPath ?? CHROMIUM_PATH;
  const pathEnv = options.pathEnv ?? process.env.PATH ?? '';
  const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  const missing = missingNow(chromiumPath, pathEnv);
  if (missing.length === 0) return { ok: true, missing: [], installed: [], message: '' };

  const canInstall = options.canInstall ?? canInstallHere(pathEnv);
  if (!canInstall) return { ok: false, missing, installed: [], message: stopMessage(missing) };

  const run = options.run ?? runStep;
  const packages = missing.map((m) => m.apt);
  log(`test dependencies: installing ${packages.join(' ')} with apt-get`);
  const update = { command: 'apt-get', args: ['update', '-qq'] };
  const install = { command: 'apt-get', args: ['install', '-y', '-qq', ...packages] };
  let updated = false;
  if (!(options.aptListsPresent ?? aptListsPresent())) {
    updated = true;
    if (run(update) !== 0) return failed(missing, 'apt-get update failed');
  }
  let status = run(install);
  // Stale package lists name versions the mirror no longer has: refresh once and retry.
  if (status !== 0 && !updated) {
    if (run(update) !== 0) return failed(missing, 'apt-get update failed');
    status = run(install);
  }
  if (status !== 0) return failed(missing, `apt-get install exited with ${status}`);

  const still = missingNow(chromiumPath, pathEnv);
  if (still.length > 0) return failed(still, 'apt-get install succeeded but the programs are still missing');
  return { ok: true, missing: [], installed: missing, message: '' };
}

function failed(missing, why) {
  return { ok: false, missing, installed: [], message: `${why}.\n${stopMessage(missing)}` };
}

function stopMessage(missing) {
  const lines = missing.map((m) =>
    m.apt === 'chromium'
      ? `  - Chromium (Debian package chromium) at ${m.where}: the browser tests drive it`
      : `  - redis-server (Debian package redis-server) on the PATH: the Redis tests start their own`,
  );
  return [
    'The tests need programs that are not installed:',
    ...lines,
    'Install them (Debian) with:',
    `  ${installCommand(missing)}`,
    `(on a machine whose package lists were never fetched, run \`${sudo()}apt-get update\` first), then run \`npm test\` again.`,
    'Unit tests alone need neither: `npx vitest run tests/shared tests/client`.',
  ].join('\n');
}

function main() {
  if (process.env.CT_SKIP_TEST_DEPS === '1') {
    process.stderr.write(
      'test dependencies: check skipped (CT_SKIP_TEST_DEPS=1); browser and Redis tests fail without Chromium and redis-server\n',
    );
    return 0;
  }
  const mode = process.env.CT_TEST_DEPS_INSTALL ?? 'auto';
  if (mode !== 'auto' && mode !== 'never') {
    process.stderr.write(`CT_TEST_DEPS_INSTALL must be "auto" or "never", not "${mode}"\n`);
    return 2;
  }
  const result = checkTestDeps({
    chromiumPath: process.env.CT_TEST_DEPS_CHROMIUM || CHROMIUM_PATH,
    ...(mode === 'never' ? { canInstall: false } : {}),
  });
  if (!result.ok) {
    process.stderr.write(`${result.message}\n`);
    return 1;
  }
  if (result.installed.length > 0)
    process.stderr.write(`test dependencies: installed ${result.installed.map((m) => m.apt).join(' ')}\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
