import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CohortOverview, CreateCohortResponse } from '../../shared/protocol/cohort';
import { createExercise as createByApi, TestClient } from '../helpers/socket-client';
import { seriousAxeViolations } from './support/axe';
import { browserAndServer } from './support/browser-and-server';
import { trackErrors } from './support/exercise-ui';
import { normalize } from './support/private-text';
import { ARTIFACTS_DIR, screenshot } from './support/screenshot';

/**
 * Two sections of the facilitator's after-action report, through the real client in Chromium:
 * "What if: the forks" (issue 17: a fork kept by name in the debrief is in the report page, its
 * PDF and its Word file) and "The class" (issue 13: a table of a class of two, played to the
 * debrief by the computer players, shows both tables side by side).
 */

const SCENARIO_ID = 'socialwave-first-30-days';
const FORK_NAME = 'CDN burst in round 1';

async function asFacilitator(page: Page, url: string, sessionId: string, token: string, joinCode: string) {
  await page.goto(url);
  await page.evaluate(({ key, value }) => localStorage.setItem(key, value), {
    key: `crisis-table:identity:${sessionId}:facilitator`,
    value: JSON.stringify({ token, joinCode }),
  });
}

async function pdfText(page: Page, name: string): Promise<string> {
  await page.emulateMedia({ media: 'print' });
  const file = path.join(ARTIFACTS_DIR, `${name}.pdf`);
  writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
  await page.emulateMedia({ media: 'screen' });
  return normalize(execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }));
}

/** The section at 1280×720 as the facilitator sees it, and the whole page. */
async function shots(page: Page, name: string, section: string) {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.locator(section).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}-laptop.png`) });
  await screenshot(page, `${name}-laptop-full`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('the after-action report: the forks and the class', () => {
  const running = browserAndServer();
  const errors: string[] = [];

  it('a fork kept in the debrief is in the report page, its PDF and its Word file', {
    timeout: 120_000,
  }, async () => {
    const url = running.server.url;
    const created = await createByApi(url, SCENARIO_ID);
    const facilitator = await TestClient.connect(url);
    expect((await facilitator.authenticate(created.sessionId, created.facilitatorToken)).ok).toBe(true);
    // Nobody joins: the computer players hold every role.
    await facilitator.must({ type: 'start' });
    for (let i = 0; i < 40 && facilitator.view.phase !== 'debrief'; i++)
      await facilitator.untilSeq(await facilitator.must({ type: 'advance' }));
    expect(facilitator.view.phase).toBe('debrief');
    facilitator.close();

    const page = await (
      await running.browser.newContext({ viewport: { width: 1280, height: 900 } })
    ).newPage();
    trackErrors(page, errors, 'facilitator');
    await asFacilitator(page, url, created.sessionId, created.facilitatorToken, created.joinCode);
    await page.goto(`${url}/debrief/${created.sessionId}`);
    const fork = page.locator('section.fork-panel');
    await fork.getByLabel('Round to change').selectOption('1');
    await fork.getByLabel('Decision to change').selectOption({ label: 'Add an action from the catalog…' });
    await fork.getByLabel('Action').selectOption({ label: 'Emergency CDN capacity' });
    await fork.getByLabel('Name of the fork').fill(FORK_NAME);
    await fork.getByRole('button', { name: 'Run and keep the fork' }).click();
    await fork.getByRole('heading', { name: 'What differed first' }).waitFor();

    await page.goto(`${url}/report/${created.sessionId}`);
    const section = page.locator('section.aar-forks');
    await section.getByRole('heading', { name: FORK_NAME }).waitFor();
    const text = normalize((await section.textContent()) ?? '');
    expect(text).toContain('Round 1: also do “Emergency CDN capacity”');
    expect(text).toContain('What differed first');
    // The outcome of both futures, as the table shows them.
    const outcomes = section.locator('tr', { hasText: 'Outcome' }).locator('td');
    const [asPlayed, inFork] = await outcomes.allTextContents();
    expect(asPlayed).toMatch(/\S/);
    expect(inFork).toMatch(/\S/);
    expect(await seriousAxeViolations(page), 'axe on the report with a fork').toEqual([]);
    await shots(page, 'report-forks', 'section.aar-forks');

    const printed = await pdfText(page, 'report-forks');
    expect(printed).toContain('What if: the forks');
    expect(printed).toContain(FORK_NAME);
    expect(printed).toContain(normalize(`Outcome ${asPlayed} ${inFork}`));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download Word (.docx)' }).click(),
    ]);
    const wordFile = path.join(ARTIFACTS_DIR, 'report-forks.docx');
    await download.saveAs(wordFile);
    const word = normalize((await mammoth.extractRawText({ buffer: readFileSync(wordFile) })).value);
    expect(word).toContain('What if: the forks');
    expect(word).toContain(FORK_NAME);
    expect(word).toContain(normalize(inFork ?? '?'));
    expect(errors).toEqual([]);
  });

  it('a table of a class of two shows the class in its report', { timeout: 120_000 }, async () => {
    const url = running.server.url;
    const res = await fetch(`${url}/api/cohorts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenarioId: SCENARIO_ID, tables: 2, name: 'Tuesday class', seeds: 'different' }),
    });
    expect(res.status).toBe(201);
    const cohort = (await res.json()) as CreateCohortResponse;
    const bearer = { authorization: `Bearer ${cohort.facilitatorToken}` };
    const act = (command: Record<string, unknown>) =>
      fetch(`${url}/api/cohorts/${cohort.cohortId}/act`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer },
        body: JSON.stringify({ command, tables: 'all' }),
      });
    // One person at table 2 (the Product Lead); the computer players hold every other role. In
    // round 1 she proposes the status page, which table 1's computers do not: the tables diverge.
    const second = cohort.tables[1];
    if (!second) throw new Error('no table 2');
    const lead = await TestClient.connect(url);
    const joined = await lead.join(second.joinCode, 'Chen', 'product-lead');
    if (!joined.ok) throw new Error(joined.code);
    await act({ type: 'start' });
    let proposed = false;
    for (let i = 0; i < 60; i++) {
      const overview = (await (
        await fetch(`${url}/api/cohorts/${cohort.cohortId}/overview`, { headers: bearer })
      ).json()) as CohortOverview;
      if (overview.tables.every((t) => t.phase === 'debrief')) break;
      const two = overview.tables.find((t) => t.number === 2);
      if (!proposed && two?.round === 1 && two.phase === 'deliberation') {
        await lead.must({
          type: 'propose',
          actionId: 'status-page',
          params: {},
          rationale: 'Tell users what is happening.',
        });
        proposed = true;
      }
      // The computer players get a moment to propose and vote before the phase moves on.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await act({ type: 'advance' });
    }
    lead.close();
    expect(proposed).toBe(true);
    const table = cohort.tables[0];
    if (!table) throw new Error('no table 1');

    const page = await (
      await running.browser.newContext({ viewport: { width: 1280, height: 900 } })
    ).newPage();
    trackErrors(page, errors, 'class facilitator');
    await asFacilitator(page, url, table.sessionId, cohort.facilitatorToken, table.joinCode);
    await page.goto(`${url}/report/${table.sessionId}`);
    const section = page.locator('section.aar-class');
    await section.getByRole('heading', { name: /The class$/ }).waitFor();
    const text = normalize((await section.textContent()) ?? '');
    expect(text).toContain('table 1 of the class “Tuesday class”');
    expect(text).toContain('Table 1 (this table)');
    expect(text).toContain('Table 2');
    expect(text).toContain('The tables first decided differently in round 1');
    expect(await section.locator('li', { hasText: 'Table 2:' }).textContent()).toContain(
      'Status page and honest user updates',
    );
    expect(await section.locator('tbody tr').count()).toBe(2);
    expect(await seriousAxeViolations(page), 'axe on the report with the class').toEqual([]);
    await shots(page, 'report-class', 'section.aar-class');
    const printed = await pdfText(page, 'report-class');
    expect(printed).toContain('The class');
    expect(printed).toContain('Table 2');
    expect(errors).toEqual([]);
  });
});
