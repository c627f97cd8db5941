import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { SimulatedClock } from '../../server/game/simulated-clock';
import { launchBrowser } from '../helpers/browser';
import { TestClient } from '../helpers/socket-client';
import { startTestServer } from '../helpers/test-server';
import { seriousAxeViolations } from './support/axe';
import { createExercise, currentPhase, trackErrors, waitForPhase } from './support/exercise-ui';
import { ARTIFACTS_DIR, screenshot } from './support/screenshot';

/**
 * The facilitator console fit for a real room (issue 20): starting with nobody seated asks first,
 * and a computer-only rehearsal then advances only as its phase timers allow, on a simulated clock
 * the test moves; the issued links survive a reload with copy buttons and QR codes; the phase bar
 * stays in view; disabled buttons look disabled; an inject fired ahead of its time is confirmed;
 * the exercise is listed under "My exercises".
 */

const SCENARIO = 'SocialWave: the first 30 days';
/** The scenario's round phases (scenarios/socialwave-first-30-days.yaml `phaseSeconds`). */
const INJECTS_MS = 60_000;

describe('the facilitator console', () => {
  const clock = new SimulatedClock(Date.now());
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({}, { clock, timers: clock });
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    trackErrors(page, errors, 'console');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Lets the server and the page settle without moving the simulated clock. */
  const settle = () => page.waitForTimeout(400);

  it('asks before starting with nobody seated, and a rehearsal runs only as fast as its timers', {
    timeout: 60_000,
  }, async () => {
    await createExercise(page, server.url, SCENARIO);
    // Disabled buttons look disabled: no pointer, a dashed, washed-out border.
    const pause = page.getByRole('button', { name: /Pause/ });
    expect(await pause.isDisabled()).toBe(true);
    const look = await pause.evaluate((el) => {
      const style = getComputedStyle(el);
      return { cursor: style.cursor, border: style.borderTopStyle };
    });
    expect(look).toEqual({ cursor: 'not-allowed', border: 'dashed' });
    await screenshot(page, 'console-lobby-1280x720');

    await page.getByRole('button', { name: /Start exercise/ }).click();
    const confirm = page.getByRole('button', { name: 'Rehearse with computer players' });
    await confirm.waitFor();
    await page.getByText(/Nobody has joined yet/).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'console-rehearsal-confirm');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await settle();
    expect(await currentPhase(page)).toBe('Lobby');

    await page.getByRole('button', { name: /Start exercise/ }).click();
    await page.getByRole('button', { name: 'Rehearse with computer players' }).click();
    await waitForPhase(page, 'Briefing');
    // The computer players are ready at once, but the untimed briefing waits for the facilitator.
    await settle();
    expect(await currentPhase(page)).toBe('Briefing');
    await page.getByText(/Rehearsal: computer players hold every role/).waitFor();

    await page.getByRole('button', { name: /Advance to next phase/ }).click();
    await waitForPhase(page, 'Injects');
    await settle();
    expect(await currentPhase(page)).toBe('Injects');
    // One second short of the 60 s timer the phase is still open; at the deadline it closes.
    clock.advance(INJECTS_MS - 1_000);
    await settle();
    expect(await currentPhase(page)).toBe('Injects');
    clock.advance(1_000);
    await waitForPhase(page, 'Deliberation');
    await settle();
    expect(await currentPhase(page)).toBe('Deliberation');
    expect(errors).toEqual([]);
  });

  it('confirms an inject fired ahead of its time', async () => {
    const fire = page.getByRole('button', { name: /^Fire #\d+ now$/ }).first();
    const label = (await fire.textContent()) ?? '';
    const number = /#(\d+)/.exec(label)?.[1] ?? '';
    await fire.click();
    await page.getByText(new RegExp(`#${number} is planned for later`)).waitFor();
    await page.getByRole('button', { name: `Fire #${number} ahead of time` }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: `Fire #${number} now` }).waitFor();
  });

  it('keeps issued links across a reload, each with a copy button and a QR code', async () => {
    await page.getByRole('button', { name: 'Create projector screen link' }).click();
    await page.getByRole('link', { name: 'Open Projector' }).waitFor();
    await page.getByRole('button', { name: 'Create co-facilitator link' }).click();
    await page.getByRole('link', { name: 'Open Co-facilitator 1' }).waitFor();
    const projector = await page.getByRole('link', { name: 'Open Projector' }).getAttribute('href');
    const co = await page.getByRole('link', { name: 'Open Co-facilitator 1' }).getAttribute('href');
    expect(co).toMatch(/\/facilitate\/[^#]+#token=/);

    await page.reload();
    await page.getByRole('link', { name: 'Open Projector' }).waitFor();
    expect(await page.getByRole('link', { name: 'Open Projector' }).getAttribute('href')).toBe(projector);
    expect(await page.getByRole('link', { name: 'Open Co-facilitator 1' }).getAttribute('href')).toBe(co);
    await page.getByRole('button', { name: 'Copy Projector link' }).click();
    await page.getByText('QR code for Projector').click();
    await page.getByRole('img', { name: 'QR code of the Projector link' }).waitFor();

    // The co-facilitator link opens the console in another browser, and its token leaves the address bar.
    const other = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    trackErrors(other, errors, 'co-facilitator');
    await other.goto(co ?? '');
    await other.getByRole('heading', { name: 'Facilitator console' }).waitFor();
    expect(new URL(other.url()).hash).toBe('');
    // ... and lists the exercise under "My exercises" on the start page.
    await other.goto(server.url);
    await other.getByRole('heading', { name: 'My exercises' }).waitFor();
    await other.getByRole('link', { name: SCENARIO }).waitFor();
    expect(await seriousAxeViolations(other)).toEqual([]);
    await screenshot(other, 'landing-my-exercises');
    await other.context().close();
    expect(errors).toEqual([]);
  });

  it('replies to one player: only that player receives it', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const joinCode = ((await page.locator('.join-code').first().textContent()) ?? '').trim();
    const ada = await TestClient.connect(server.url);
    const bo = await TestClient.connect(server.url);
    try {
      const joined = await ada.join(joinCode, 'Ada', 'head-of-infra');
      expect(joined).toMatchObject({ ok: true });
      expect(await bo.join(joinCode, 'Bo', 'cfo')).toMatchObject({ ok: true });
      await ada.must({ type: 'message-facilitator', body: 'Can we page the database vendor?' });
      await page.getByText('Can we page the database vendor?').waitFor();
      // The reply goes to whoever wrote last unless the facilitator picks another player.
      expect(await page.getByLabel('To player').inputValue()).toBe(
        joined.ok && joined.identity.kind === 'player' ? joined.identity.playerId : '',
      );
      await page.getByLabel('Reply to one player').fill('Yes, go ahead: the vendor is on call.');
      await page.getByRole('button', { name: 'Send to this player only' }).click();
      await page.getByText('to Ada only').waitFor();
      await ada.until(
        () => ada.view.messages.some((m) => m.body === 'Yes, go ahead: the vendor is on call.'),
        'the reply',
      );
      expect(bo.view.messages.map((m) => m.body)).not.toContain('Yes, go ahead: the vendor is on call.');
      await page
        .locator('section[aria-labelledby="messages-heading"]')
        .screenshot({ path: `${ARTIFACTS_DIR}/console-reply.png` });
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      ada.close();
      bo.close();
    }
  });

  it('keeps the phase, the clock and the controls in view while scrolling, at every size', {
    timeout: 60_000,
  }, async () => {
    for (const [width, height] of [
      [390, 844],
      [1280, 720],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.evaluate(() => window.scrollTo(0, 0));
      await settle();
      const sideways = await page.evaluate(() => ({
        by: document.documentElement.scrollWidth - window.innerWidth,
        // The innermost elements reaching past the right edge, to say what is too wide.
        wide: [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
          .filter(
            (el) => ![...el.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 1),
          )
          .slice(0, 5)
          .map(
            (el) =>
              `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}px`,
          ),
      }));
      expect(sideways.by, `${width}px scrolls sideways: ${sideways.wide.join(', ')}`).toBeLessThanOrEqual(0);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
      await settle();
      // What the facilitator sees halfway down: the bar still on top.
      await page.screenshot({ path: `${ARTIFACTS_DIR}/console-${width}x${height}-scrolled.png` });
      const bar = await page.locator('.console-bar').boundingBox();
      expect(bar?.y, `${width}px bar stays at the top`).toBe(0);
      // The bar must leave most of a phone's screen to the console.
      expect(bar?.height ?? height, `${width}px bar height`).toBeLessThan(height * 0.4);
      await page.getByRole('button', { name: /Advance to next phase/ }).isVisible();
      expect(await page.locator('.phase-name').first().isVisible()).toBe(true);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.evaluate(() => window.scrollTo(0, 0));
      await settle();
      await page.screenshot({ path: `${ARTIFACTS_DIR}/console-${width}x${height}-top.png` });
      await screenshot(page, `console-${width}x${height}`);
    }
    expect(errors).toEqual([]);
  });
});
