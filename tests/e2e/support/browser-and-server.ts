import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { RunningServer } from '../../../server/app-server';
import { launchBrowser } from '../../helpers/browser';
import { startTestServer } from '../../helpers/test-server';

export interface BrowserAndServer {
  readonly server: RunningServer;
  readonly browser: Browser;
}

/** The real server and a real Chromium for the enclosing describe block, both closed after it. */
export function browserAndServer(): BrowserAndServer {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(part: T | undefined, name: string): T => {
    if (!part) throw new Error(`the ${name} has not started`);
    return part;
  };
  return {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
  };
}
