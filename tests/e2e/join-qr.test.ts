import type { Browser, Page } from 'playwright-core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QrCode } from '../../client/src/components/qr-code';
import { launchBrowser } from '../helpers/browser';
import { CLASSROOM_LAPTOP } from '../helpers/network-interfaces';
import { startTestServer } from '../helpers/test-server';
import { seriousAxeViolations } from './support/axe';
import { createExercise, trackErrors } from './support/exercise-ui';
import { screenshot } from './support/screenshot';

const SCENARIO = 'SocialWave: the first 30 days';

/** The SVG path a QR code of `value` draws: what a phone's camera reads. */
function qrPathOf(value: string): string {
  const markup = renderToStaticMarkup(createElement(QrCode, { value, label: 'QR' }));
  return /<path d="([^"]+)"/.exec(markup)?.[1] ?? '';
}

/** The console's QR code: the URL it says it links to, and whether its modules encode exactly that URL. */
async function consoleQr(page: Page): Promise<string> {
  const qr = page.locator('.join-box .qr-code').first();
  await qr.waitFor();
  const label = (await qr.getAttribute('aria-label')) ?? '';
  const url = label.replace(/^QR code linking to /, '');
  expect(await qr.locator('path').getAttribute('d')).toBe(qrPathOf(url));
  return url;
}

describe('the console QR code in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('on a LAN server opened as localhost: encodes the room network address, and the facilitator can pick another', async () => {
    const server = await startTestServer({ HOST: '0.0.0.0' }, { networkInterfaces: CLASSROOM_LAPTOP });
    const page = await browser.newPage();
    const errors: string[] = [];
    trackErrors(page, errors, 'console');
    try {
      const { joinCode, sessionId } = await createExercise(page, `http://127.0.0.1:${server.port}`, SCENARIO);
      const wifi = `http://192.168.1.23:${server.port}`;
      expect(await consoleQr(page)).toBe(`${wifi}/join/${joinCode}`);
      await expect(page.getByText(`Join at 192.168.1.23:${server.port} with the code`).count()).resolves.toBe(
        1,
      );

      const chooser = page.getByLabel('Address for phones');
      expect(await chooser.locator('option').allTextContents()).toEqual(
        ['192.168.1.23', '10.0.0.5', '172.17.0.1', '169.254.10.20'].map((a) => `${a}:${server.port}`),
      );
      const wired = `http://10.0.0.5:${server.port}`;
      await chooser.selectOption(wired);
      expect(await consoleQr(page)).toBe(`${wired}/join/${joinCode}`);

      // Links for other machines use the chosen address too, never localhost.
      await page.getByRole('button', { name: 'Create projector screen link' }).click();
      const projector = await page.getByRole('link', { name: 'Open Projector' }).getAttribute('href');
      expect(projector).toMatch(new RegExp(`^${wired}/screen/${sessionId}#token=`));

      // The choice survives a reload of the console.
      await page.reload();
      expect(await consoleQr(page)).toBe(`${wired}/join/${joinCode}`);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, 'console-join-lan');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('with PUBLIC_URL: encodes the public address and offers no other', async () => {
    const server = await startTestServer(
      { PUBLIC_URL: 'https://crisis.example.org' },
      { networkInterfaces: CLASSROOM_LAPTOP },
    );
    const page = await browser.newPage();
    try {
      const { joinCode } = await createExercise(page, server.url, SCENARIO);
      expect(await consoleQr(page)).toBe(`https://crisis.example.org/join/${joinCode}`);
      await expect(page.getByLabel('Address for phones').count()).resolves.toBe(0);
      await expect(page.getByText('Join at crisis.example.org with the code').count()).resolves.toBe(1);
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('on a loopback-only server: says that phones cannot open the address', async () => {
    const server = await startTestServer();
    const page = await browser.newPage();
    try {
      const { joinCode } = await createExercise(page, server.url, SCENARIO);
      expect(await consoleQr(page)).toBe(`${server.url}/join/${joinCode}`);
      await expect(page.getByText(/Only this computer can open/).count()).resolves.toBe(1);
    } finally {
      await page.close();
      await server.close();
    }
  });
});
