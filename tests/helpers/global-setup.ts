import { spawnSync } from 'node:child_process';

/** Browser and HTTP tests serve the production client, so build it once before any test runs. */
export default function setup(): void {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`vite build failed with exit code ${build.status}`);
}
