import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { METRIC_NAMES } from '../../../shared/sim/metrics';

/** The sizes a real room has: two phones, a laptop and a projector. */
export const VIEWPORTS = {
  phone360: { width: 360, height: 740 },
  phone390: { width: 390, height: 844 },
  laptop: { width: 1280, height: 720 },
  projector: { width: 1920, height: 1080 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export interface Fit {
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  /** Shown elements whose right edge is past the viewport: what made the page pan, for the failure message. */
  overflowing: string[];
}

/** How the page's box compares with the viewport, with the elements that stick out sideways. */
export async function measureFit(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const limit = root.clientWidth + 1;
    const overflowing: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.right <= limit) continue;
      // Off-screen text for screen readers is positioned, not laid out.
      if (element.closest('.visually-hidden')) continue;
      const name = `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ').join('.')}` : ''}`;
      overflowing.push(`${name} right=${Math.round(box.right)}`);
      if (overflowing.length >= 8) break;
    }
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      scrollHeight: root.scrollHeight,
      clientHeight: root.clientHeight,
      overflowing,
    };
  });
}

/**
 * Boxes of the projector's parts that lie outside the viewport, even partly: the screen must
 * fit, not merely refuse to scroll (its frame has `overflow: hidden`).
 */
export async function projectorPartsOutside(page: Page, selectors: readonly string[]): Promise<string[]> {
  return page.evaluate((list) => {
    const outside: string[] = [];
    for (const selector of list) {
      for (const element of document.querySelectorAll(selector)) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        if (box.left < -1 || box.top < -1 || box.right > innerWidth + 1 || box.bottom > innerHeight + 1) {
          outside.push(
            `${selector} at ${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)}`,
          );
        }
      }
    }
    return outside;
  }, selectors);
}

/** A fresh browser context (its own storage, like its own device) at one of the room's sizes. */
export async function pageAt(browser: Browser, viewport: ViewportName): Promise<Page> {
  const context = await browser.newContext({
    viewport: VIEWPORTS[viewport],
    isMobile: viewport.startsWith('phone'),
    hasTouch: viewport.startsWith('phone'),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Joins through the QR code's link on a device of this size, with a preferred role. */
export async function joinAt(
  browser: Browser,
  baseUrl: string,
  viewport: ViewportName,
  options: { code: string; name: string; roleId: string },
): Promise<Page> {
  const page = await pageAt(browser, viewport);
  await page.goto(`${baseUrl}/join/${options.code}`);
  await page.getByLabel('Preferred role').selectOption(options.roleId);
  await page.getByLabel('Your name').fill(options.name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.waitForURL(/\/play\//);
  await page.locator('.phase-name').first().waitFor();
  return page;
}

/**
 * The internal names that must never reach a player, read from the scenario file and the metric
 * list: every action id and metric id written as code writes it (with a hyphen, e.g.
 * `cdn-burst-capacity`, `monthly-infra-cost-usd`), and any `constants.` reference. One-word ids
 * ("availability", "morale") are ordinary words a sentence may use, so they are not searched for.
 */
export function internalNames(scenarioFile: string): string[] {
  const scenario = parse(readFileSync(scenarioFile, 'utf8')) as { actions: { id: string }[] };
  const ids = [...scenario.actions.map((a) => a.id), ...METRIC_NAMES].filter((id) => id.includes('-'));
  return ['constants.', ...new Set(ids)];
}

/** The internal names found in a page: its text, shown or folded, and its accessible labels. */
export async function internalNamesShown(page: Page, names: readonly string[]): Promise<string[]> {
  const text = await page.evaluate(() => {
    const labels = [...document.querySelectorAll('[aria-label], [title], title')].map(
      (e) => `${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('title') ?? ''} ${e.textContent ?? ''}`,
    );
    // Text content, shown or folded, with line breaks between blocks so that words do not run together.
    const blocks = [
      ...document.body.querySelectorAll(
        'p, li, h1, h2, h3, h4, td, th, dd, dt, span, button, summary, option',
      ),
    ].map((e) => e.textContent ?? '');
    return `${blocks.join('\n')}\n${labels.join('\n')}`;
  });
  // An id is found as a whole word (not inside a longer id); a prefix such as `constants.` anywhere.
  return names.filter((name) =>
    name.endsWith('.')
      ? text.includes(name)
      : new RegExp(`(^|[^a-z0-9-])${escapeRegExp(name)}($|[^a-z0-9-])`, 'i').test(text),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
