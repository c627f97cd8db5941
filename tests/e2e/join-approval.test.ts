import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAndServer } from './support/browser-and-server';
import { createExercise, trackErrors } from './support/exercise-ui';

const SCENARIO = 'SocialWave: the first 30 days';

/**
 * Seats the facilitator gives (issue 14, finding 9) in a real browser: with "Approve each join" a
 * player who joins waits on a "waiting for the facilitator" screen and reaches the table by itself
 * once the facilitator admits them; with the lobby locked a join is refused with a clear reason.
 */
describe('joining an exercise whose facilitator approves joins', () => {
  const env = browserAndServer();

  async function playerPage(): Promise<Page> {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    return context.newPage();
  }

  async function askToJoin(page: Page, code: string, name: string): Promise<void> {
    await page.goto(`${env.server.url}/join/${code}`);
    await page.getByLabel('Your name').fill(name);
    await page.getByRole('button', { name: 'Join', exact: true }).click();
  }

  it('a player waits, the facilitator admits them, the player gets in; a locked lobby refuses the next', async () => {
    const consolePage = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    trackErrors(consolePage, errors, 'console');
    const { joinCode } = await createExercise(consolePage, env.server.url, SCENARIO);
    const approval = consolePage.getByLabel('Approve each join');
    // The box shows the session's rule: it turns checked when the server's view says so.
    await approval.click();
    await expect.poll(() => approval.isChecked(), { timeout: 10_000 }).toBe(true);

    const player = await playerPage();
    trackErrors(player, errors, 'player');
    await askToJoin(player, joinCode, 'Kim');
    await player.getByRole('heading', { name: 'Waiting for the facilitator to let you in' }).waitFor();
    // Still waiting after a few polls: nothing lets the player in but the facilitator.
    await player.waitForTimeout(2_500);
    expect(new URL(player.url()).pathname).toBe(`/join/${joinCode}`);

    const waiting = consolePage.getByRole('list', { name: 'Joins waiting for approval' });
    await waiting.getByText('Kim').waitFor();
    await waiting.getByRole('button', { name: 'Admit' }).click();

    await player.waitForURL(/\/play\//, { timeout: 15_000 });
    await player.getByRole('heading', { name: /^Your role: / }).waitFor();
    await consolePage
      .getByRole('list', { name: 'Joins waiting for approval' })
      .waitFor({ state: 'detached' });

    // Locked: the next person is told the exercise is closed, and stays on the join page.
    const lock = consolePage.getByLabel('Lock: no new players');
    await lock.click();
    await expect.poll(() => lock.isChecked(), { timeout: 10_000 }).toBe(true);
    const late = await playerPage();
    trackErrors(late, errors, 'late player');
    await askToJoin(late, joinCode, 'Lee');
    await late.getByRole('alert').filter({ hasText: 'closed this exercise to new players' }).waitFor();
    expect(new URL(late.url()).pathname).toBe(`/join/${joinCode}`);

    expect(errors).toEqual([]);
    await Promise.all([consolePage.close(), player.context().close(), late.context().close()]);
  }, 60_000);
});
