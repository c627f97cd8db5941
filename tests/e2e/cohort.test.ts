import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import type { CohortOverview, CreateCohortResponse } from '../../shared/protocol/cohort';
import { launchBrowser } from '../helpers/browser';
import { TestClient } from '../helpers/socket-client';
import { startTestServer } from '../helpers/test-server';
import { seriousAxeViolations } from './support/axe';
import { trackErrors } from './support/exercise-ui';
import { measureFit, pageAt, projectorPartsOutside, VIEWPORTS, type ViewportName } from './support/room-fit';
import { screenshot } from './support/screenshot';

/**
 * Classroom mode (issue 13) in a real browser: a class of 3 tables × 4 players (real sockets) run
 * from the overview overview, with the room projector and the comparison debrief, through a
 * restart of the server in the middle; then the projector's pages with ten tables on the two
 * projector sizes.
 */

const ROLES = ['head-of-infra', 'cfo', 'product-lead', 'investor'] as const;
const SHOTS: ViewportName[] = ['phone390', 'laptop', 'projector'];
const WALL_PARTS = ['.cohort-screen-bar', '.cohort-wall-card', '.cohort-wall-card h2'];

interface Seat {
  sessionId: string;
  roleId: string;
  token: string;
  client: TestClient;
}

async function expectNoSeriousAxe(page: Page, what: string) {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

async function expectProjectorFits(page: Page, what: string, parts: readonly string[]) {
  const fit = await measureFit(page);
  expect(fit.scrollHeight, `${what} scrolls vertically`).toBeLessThanOrEqual(fit.clientHeight);
  expect(fit.scrollWidth, `${what} pans: ${fit.overflowing.join(', ')}`).toBeLessThanOrEqual(fit.clientWidth);
  expect(await projectorPartsOutside(page, parts), what).toEqual([]);
}

async function overviewOf(url: string, cohortId: string, token: string): Promise<CohortOverview> {
  const res = await fetch(`${url}/api/cohorts/${cohortId}/overview`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await res.json()) as CohortOverview;
}

async function actAll(url: string, cohortId: string, token: string, command: Record<string, unknown>) {
  await fetch(`${url}/api/cohorts/${cohortId}/act`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ command, tables: 'all' }),
  });
}

/** Advances every table until each is in one of `phases` (or `until` says stop). */
async function advanceAllTo(
  url: string,
  cohortId: string,
  token: string,
  phases: readonly string[],
  until: () => Promise<boolean> = async () => false,
) {
  for (let i = 0; i < 60; i++) {
    const overview = await overviewOf(url, cohortId, token);
    if (overview.tables.every((t) => phases.includes(t.phase)) || (await until())) return;
    await actAll(url, cohortId, token, { type: 'advance' });
  }
  throw new Error(`the tables did not reach ${phases.join('/')}`);
}

describe('classroom mode: 3 tables × 4 players from one overview', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'crisis-table-cohort-e2e-'));
  let server: RunningServer;
  let browser: Browser;
  const errors: string[] = [];
  const seats: Seat[] = [];

  beforeAll(async () => {
    server = await startTestServer({ DATA_DIR: dataDir });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const seat of seats) seat.client.close();
    await browser?.close();
    await server?.close();
  });

  it('runs the class: overview, broadcast to all, one table paused alone, restart, comparison', async () => {
    const overview = await pageAt(browser, 'laptop');
    trackErrors(overview, errors, 'overview');
    await overview.goto(server.url);
    await overview.getByText('Run a class (several tables)').click();
    await overview.getByLabel('Tables', { exact: true }).fill('3');
    await overview
      .getByRole('form', { name: 'Run a class (several tables)' })
      .getByLabel('Scenario', { exact: true })
      .selectOption('socialwave-first-30-days');
    await screenshot(overview, 'cohort-landing-laptop');
    await expectNoSeriousAxe(overview, 'landing with the class form');
    await overview.getByRole('button', { name: 'Create a class of 3 tables' }).click();
    await overview.waitForURL(/\/cohort\/c_/);
    const cohortId = new URL(overview.url()).pathname.split('/')[2]!;
    const cards = overview.locator('.cohort-table');
    await expect.poll(() => cards.count()).toBe(3);
    const token = await overview.evaluate(
      (id) =>
        JSON.parse(localStorage.getItem(`crisis-table:identity:${id}:facilitator`) ?? '{}').token as string,
      cohortId,
    );
    const created = await overviewOf(server.url, cohortId, token);

    // Four players at each table, over real sockets.
    for (const table of created.tables) {
      for (const roleId of ROLES) {
        const client = await TestClient.connect(server.url);
        const joined = await client.join(table.joinCode, `T${table.number} ${roleId}`, roleId);
        if (!joined.ok) throw new Error(`join failed: ${joined.code}`);
        seats.push({ sessionId: table.sessionId, roleId, token: joined.token, client });
      }
    }
    for (let n = 1; n <= 3; n++) await containsText(card(overview, n), '4/4 roles seated · 4 connected');

    // The room projector, while joining: every table's code and QR code.
    const projectorHref = await overview
      .getByRole('link', { name: 'Open the room projector' })
      .getAttribute('href');
    const projector = await pageAt(browser, 'projector');
    trackErrors(projector, errors, 'projector');
    await projector.goto(`${server.url}${projectorHref}`);
    await expect.poll(() => projector.locator('.cohort-wall-card .qr-code').count()).toBe(3);
    for (const table of created.tables) await projector.getByText(table.joinCode, { exact: true }).waitFor();
    await expectProjectorFits(projector, 'room projector, joining', [...WALL_PARTS, '.qr-code']);

    // Start every table from the overview.
    await overview.getByRole('button', { name: 'Start', exact: true }).click();
    await containsText(overview.locator('.cohort-status'), 'Start: done at tables 1, 2, 3');
    await expect.poll(() => overview.locator('.cohort-phase', { hasText: 'Briefing' }).count()).toBe(3);

    // A broadcast reaches every table.
    await overview.getByLabel('Broadcast to 3 tables').fill('Five minutes to the board call, every table');
    await overview.getByRole('button', { name: 'Send' }).click();
    await Promise.all(
      seats.map((seat) =>
        seat.client.until(
          () =>
            seat.client.view.messages.some((m) => m.body === 'Five minutes to the board call, every table'),
          `the broadcast at ${seat.roleId}`,
        ),
      ),
    );

    // One table paused alone.
    const second = created.tables[1]!;
    await card(overview, 2).getByRole('checkbox').check();
    await overview.getByRole('button', { name: 'Pause', exact: true }).click();
    await containsText(overview.locator('.cohort-status'), 'Pause: done at table 2');
    await matchesText(card(overview, 2).locator('.table-clock'), /Paused/);
    for (const seat of seats)
      await seat.client.until(
        () => seat.client.view.paused === (seat.sessionId === second.sessionId),
        'pause state',
      );
    for (const n of [1, 3]) await expect.poll(() => card(overview, n).locator('.is-paused').count()).toBe(0);

    // Drill down into table 1's console and back.
    await card(overview, 1).getByRole('link', { name: 'Open console' }).click();
    await overview.waitForURL(/\/facilitate\//);
    await overview.locator('.phase-name').first().waitFor();
    await overview.getByRole('link', { name: '← Back to the class overview' }).click();
    await overview.waitForURL(/\/cohort\/c_/);
    await expect.poll(() => cards.count()).toBe(3);

    for (const viewport of SHOTS) {
      await overview.setViewportSize(viewportSize(viewport));
      await screenshot(overview, `cohort-overview-${viewport}`);
      await expectNoSeriousAxe(overview, `overview at ${viewport}`);
    }
    await overview.setViewportSize(viewportSize('laptop'));
    await expectNoSeriousAxe(overview, 'overview');
    await projector.locator('.cohort-wall-card .phase-name').first().waitFor();
    await expectProjectorFits(projector, 'room projector, playing', WALL_PARTS);
    for (const viewport of SHOTS) {
      await projector.setViewportSize(viewportSize(viewport));
      await screenshot(projector, `cohort-projector-playing-${viewport}`);
    }
    await projector.setViewportSize(viewportSize('projector'));
    await expectNoSeriousAxe(projector, 'projector');

    // A restart in the middle of the class: same port (same origin for the browser), same data.
    const port = server.port;
    for (const seat of seats) seat.client.close();
    await server.close();
    server = await startTestServer({ DATA_DIR: dataDir, PORT: String(port) });
    for (const seat of seats) {
      seat.client = await TestClient.connect(server.url);
      const auth = await seat.client.authenticate(seat.sessionId, seat.token);
      if (!auth.ok) throw new Error(`re-authentication failed: ${auth.code}`);
    }
    await overview.reload();
    await expect.poll(() => cards.count()).toBe(3);
    await matchesText(card(overview, 2).locator('.table-clock'), /Paused/);
    for (let n = 1; n <= 3; n++) await containsText(card(overview, n), '4 connected');

    // Resume, and play to the debrief; table 1 decides something the others do not.
    await overview.getByRole('radio', { name: 'All tables' }).check();
    await overview.getByRole('button', { name: 'Resume', exact: true }).click();
    await containsText(overview.locator('.cohort-status'), 'Resume: done at table 2');
    const infra = seats.find(
      (s) => s.sessionId === created.tables[0]!.sessionId && s.roleId === 'head-of-infra',
    )!;
    await advanceAllTo(
      server.url,
      cohortId,
      token,
      ['deliberation'],
      async () => infra.client.view.phase === 'deliberation',
    );
    await infra.client.must({
      type: 'propose',
      actionId: 'status-page',
      params: {},
      rationale: 'Tell users the truth while we fix the database',
    });
    await advanceAllTo(server.url, cohortId, token, ['debrief', 'ended']);

    // The comparison debrief: three trajectories, and where the tables diverged.
    await overview.getByRole('link', { name: 'Compare the tables' }).click();
    await overview.waitForURL(/\/debrief$/);
    const charts = overview.locator('.cohort-debrief-charts .cohort-chart');
    await expect.poll(() => charts.count()).toBeGreaterThan(0);
    for (const chart of await charts.all())
      await expect.poll(() => chart.locator('.cohort-line path').count()).toBe(3);
    await containsText(overview.locator('.cohort-divergence'), 'round 1');
    await containsText(overview.locator('.cohort-divergence'), 'Status page');
    for (const viewport of SHOTS) {
      await overview.setViewportSize(viewportSize(viewport));
      await screenshot(overview, `cohort-debrief-${viewport}`);
      await expectNoSeriousAxe(overview, `debrief at ${viewport}`);
    }

    // The room projector at the end: the comparison.
    await projector.locator('.cohort-compare-screen').waitFor();
    await projector.locator('.cohort-compare-charts .cohort-line path').first().waitFor();
    await expectProjectorFits(projector, 'room projector, finished', [
      '.cohort-compare-charts',
      '.cohort-compare-table',
    ]);
    for (const viewport of SHOTS) {
      await projector.setViewportSize(viewportSize(viewport));
      await screenshot(projector, `cohort-projector-finished-${viewport}`);
    }
    await expectNoSeriousAxe(projector, 'projector, finished');
    // While the server was down, the pages' long polls could not connect (and retried): expected.
    expect(errors.filter((e) => !e.includes('ERR_CONNECTION_REFUSED'))).toEqual([]);
  });
});

describe('classroom mode: the room projector with ten tables', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('fits 1920×1080 and 1280×720 without scrolling, joining, playing and at the end', async () => {
    const res = await fetch(`${server.url}/api/cohorts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenarioId: 'socialwave-first-30-days', tables: 10, seed: 5 }),
    });
    const cohort = (await res.json()) as CreateCohortResponse;
    // Four players per table, so the lobby lists names.
    const clients: TestClient[] = [];
    for (const table of cohort.tables)
      for (const roleId of ROLES) {
        const client = await TestClient.connect(server.url);
        await client.join(table.joinCode, `Table${table.number} ${roleId}`, roleId);
        clients.push(client);
      }
    const pages = new Map<ViewportName, Page>();
    for (const viewport of ['laptop', 'projector'] as const) {
      const page = await pageAt(browser, viewport);
      await page.goto(
        `${server.url}/cohort/${cohort.cohortId}/screen#token=${encodeURIComponent(cohort.screenToken)}`,
      );
      await expect.poll(() => page.locator('.cohort-wall-card .qr-code').count()).toBe(10);
      await expectProjectorFits(page, `ten tables joining at ${viewport}`, [
        ...WALL_PARTS,
        '.qr-code',
        '.cohort-wall-code',
      ]);
      await screenshot(page, `cohort-projector-10-joining-${viewport}`);
      await expectNoSeriousAxe(page, `ten tables joining at ${viewport}`);
      pages.set(viewport, page);
    }
    await actAll(server.url, cohort.cohortId, cohort.facilitatorToken, { type: 'start' });
    await advanceAllTo(server.url, cohort.cohortId, cohort.facilitatorToken, ['deliberation']);
    for (const [viewport, page] of pages) {
      await expect.poll(() => page.locator('.cohort-wall-card .cohort-headline').count()).toBe(10);
      await expectProjectorFits(page, `ten tables playing at ${viewport}`, [
        ...WALL_PARTS,
        '.cohort-headline',
      ]);
      await screenshot(page, `cohort-projector-10-playing-${viewport}`);
    }
    await advanceAllTo(server.url, cohort.cohortId, cohort.facilitatorToken, ['debrief', 'ended']);
    for (const [viewport, page] of pages) {
      await page.locator('.cohort-compare-screen').waitFor();
      await expect.poll(() => page.locator('.cohort-compare-table tbody tr').count()).toBe(10);
      await expectProjectorFits(page, `ten tables compared at ${viewport}`, [
        '.cohort-compare-charts .cohort-chart',
        '.cohort-compare-table',
      ]);
      await screenshot(page, `cohort-projector-10-finished-${viewport}`);
    }
    for (const client of clients) client.close();
  });
});

function viewportSize(name: ViewportName) {
  return VIEWPORTS[name];
}

function card(page: Page, n: number): Locator {
  return page.locator('li.cohort-table').nth(n - 1);
}

async function containsText(locator: Locator, text: string) {
  await expect.poll(async () => (await locator.textContent()) ?? '').toContain(text);
}

async function matchesText(locator: Locator, pattern: RegExp) {
  await expect.poll(async () => (await locator.textContent()) ?? '').toMatch(pattern);
}
