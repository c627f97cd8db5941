import { describe, expect, it } from 'vitest';
import { browserAndServer } from './support/browser-and-server';

describe('client in a real browser', () => {
  const running = browserAndServer();

  it('loads the landing page, runs its script and logs no errors', async () => {
    const page = await running.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(running.server.url);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Crisis Table');
    expect(errors).toEqual([]);
    await page.close();
  });
});
