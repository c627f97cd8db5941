import type { Browser, Locator, Page } from 'playwright-core';

/** What people do in the client, written once as a person would do it: by label, role and visible text. */

export function trackErrors(page: Page, errors: string[], who: string): void {
  page.on('pageerror', (error) => errors.push(`${who}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${who}: ${message.text()}`);
  });
}

export async function createExercise(
  page: Page,
  baseUrl: string,
  /** The scenario's title as the picker shows it, or its id (for a library variant sharing a title). */
  scenario: string | { id: string },
): Promise<{ sessionId: string; joinCode: string }> {
  await page.goto(baseUrl);
  // The landing page has more than one scenario picker (an exercise, a class): the exercise form's.
  const select = page.getByRole('form', { name: 'Run an exercise' }).getByLabel('Scenario');
  await select.waitFor();
  const value =
    typeof scenario === 'string'
      ? await select.locator('option', { hasText: scenario }).getAttribute('value')
      : scenario.id;
  await select.selectOption(value ?? '');
  await page.getByRole('button', { name: 'Create exercise' }).click();
  await page.waitForURL(/\/facilitate\//);
  const joinCode = (await page.locator('.join-code').first().textContent())?.trim() ?? '';
  const sessionId = new URL(page.url()).pathname.split('/').pop() ?? '';
  return { sessionId, joinCode };
}

/** Joins in a fresh browser context (its own storage, like its own laptop), by QR link or by typing the code. */
export async function joinAsPlayer(
  browser: Browser,
  baseUrl: string,
  options: { code: string; name: string; roleId: string; roleName: string; via: 'qr-link' | 'landing' },
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  if (options.via === 'qr-link') {
    await page.goto(`${baseUrl}/join/${options.code}`);
    await page.getByLabel('Preferred role').selectOption(options.roleId);
  } else {
    await page.goto(baseUrl);
    await page.getByLabel('Join code').fill(options.code.toLowerCase());
  }
  await page.getByLabel('Your name').fill(options.name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.waitForURL(/\/play\//);
  await page.getByRole('heading', { name: /^Your role: / }).waitFor();
  return page;
}

export async function currentPhase(page: Page): Promise<string> {
  return ((await page.locator('.phase-name').first().textContent()) ?? '').trim();
}

export async function waitForPhase(page: Page, phase: string): Promise<void> {
  await page
    .locator('.phase-name', { hasText: new RegExp(`^${phase}$`) })
    .first()
    .waitFor();
}

export async function advanceTo(console: Page, phase: string): Promise<void> {
  await console.getByRole('button', { name: /Advance to next phase/ }).click();
  await waitForPhase(console, phase);
}

export function actionCard(page: Page, title: string): Locator {
  return page.locator('article.action', { has: page.getByRole('heading', { name: title, exact: true }) });
}

export function proposalCard(page: Page, title: string): Locator {
  return page.locator('article.proposal', { has: page.getByRole('heading', { name: title, exact: true }) });
}

export async function propose(page: Page, title: string, rationale: string): Promise<Locator> {
  const card = actionCard(page, title);
  await card.getByText('Prepare a proposal and see its projected impact').click();
  await card.getByRole('heading', { name: 'Projected impact (projection)' }).waitFor();
  await card.getByLabel('Rationale for the table').fill(rationale);
  await card.getByRole('button', { name: `Propose “${title}”` }).click();
  await settle(card, proposalCard(page, title).first());
  return card;
}

/**
 * Responds to a proposal and waits until the card shows the response (`expect`, e.g. "Approved by
 * Bo"), i.e. until the server accepted it and pushed the new view; a refusal fails with its message.
 */
export async function respond(
  page: Page,
  title: string,
  button: 'Approve' | 'Reject' | 'Veto' | 'Vote yes' | 'Vote no',
  rationale: string,
  confidence: number,
  expect: string,
): Promise<void> {
  const card = proposalCard(page, title).first();
  await card.getByLabel('Your rationale').fill(rationale);
  await card.getByLabel('Confidence').selectOption(String(confidence));
  await card.getByRole('button', { name: button, exact: true }).click();
  await settle(card, card.getByText(expect).first());
}

/** Waits for `done` to appear, or fails with the server's refusal shown in `scope`. */
export async function settle(scope: Locator, done: Locator): Promise<void> {
  const refusal = scope.locator('[role=alert]').first();
  await done.or(refusal).first().waitFor();
  if (await refusal.isVisible()) throw new Error(`the server refused: ${await refusal.textContent()}`);
}

export interface ProjectedRow {
  metric: string;
  without: string;
  with: string;
  change: string;
}

/** The projection table of an open action card, row by row as the player reads it. */
export async function projectionRows(card: Locator): Promise<ProjectedRow[]> {
  const table = card.getByRole('region', { name: 'Projected impact (projection)' }).getByRole('table');
  await table.waitFor();
  const rows: ProjectedRow[] = [];
  for (const row of await table.locator('tbody tr').all()) {
    const [metric = '', without = '', withAction = '', change = ''] = (
      await row.locator('th, td').allTextContents()
    ).map((t) => t.trim());
    rows.push({ metric, without, with: withAction, change });
  }
  return rows;
}

/** A dollar amount as the client formats it ("$50.0M/mo", "−$1.2B"), in dollars. */
export function parseUsd(text: string): number {
  const match = /^(−)?\$([\d.]+)([KMB]?)/.exec(text);
  if (!match) throw new Error(`not a dollar amount: ${text}`);
  const scale = { '': 1, K: 1e3, M: 1e6, B: 1e9 }[match[3] as '' | 'K' | 'M' | 'B'];
  return (match[1] ? -1 : 1) * Number(match[2]) * scale;
}

/** All the text in the page, shown or hidden (a closed disclosure still counts as sent to this screen). */
export async function pageText(page: Page): Promise<string> {
  return (await page.locator('body').textContent()) ?? '';
}
