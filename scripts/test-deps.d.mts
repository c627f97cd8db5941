/** Types for scripts/test-deps.mjs (plain JavaScript so it runs before anything is compiled). */
export const CHROMIUM_PATH: string;

export interface Requirement {
  name: string;
  /** The Debian package that provides it. */
  apt: string;
  where: string;
}

export interface InstallStep {
  command: string;
  args: string[];
}

export interface CheckOptions {
  /** Where Chromium must be; default /usr/bin/chromium. */
  chromiumPath?: string;
  /** The PATH searched for redis-server (and apt-get); default process.env.PATH. */
  pathEnv?: string;
  /** Whether to install what is missing; default: running as root with apt-get on the PATH. */
  canInstall?: boolean;
  /** Whether apt has package lists (no `apt-get update` needed first); default: looks in /var/lib/apt/lists. */
  aptListsPresent?: boolean;
  /** Runs one apt-get step and returns its exit status; default spawns it with DEBIAN_FRONTEND=noninteractive. */
  run?: (step: InstallStep) => number;
  /** Progress lines; default stderr. */
  log?: (line: string) => void;
}

export interface CheckResult {
  ok: boolean;
  missing: Requirement[];
  installed: Requirement[];
  /** Why the tests cannot run and the command that fixes it; empty when ok. */
  message: string;
}

export function findOnPath(name: string, pathEnv?: string): string | undefined;
export function canInstallHere(pathEnv?: string): boolean;
export function installCommand(missing: Requirement[]): string;
export function checkTestDeps(options?: CheckOptions): CheckResult;
