import { spawnSync } from 'node:child_process';

/** Browser and HTTP tests serve the production client, so build it once before any test runs. */
export default function setup(): void {
  // vitest sets NODE_ENV=test; the served client must be the production build, as users get it.
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) throw new Error(`vite build failed with exit code ${build.status}`);
}
