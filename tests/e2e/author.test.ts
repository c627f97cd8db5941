import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousAxeViolations } from './support/axe';
import { browserAndServer } from './support/browser-and-server';
import { advanceTo, joinAsPlayer, pageText, trackErrors, waitForPhase } from './support/exercise-ui';
import { screenshot } from './support/screenshot';

/**
 * Authoring in the product (issue 15), as a facilitator who does not write YAML does it: open the
 * short scenario on /author, add an inject on the timeline, fix the problem shown at its field,
 * import a 3-row MSEL spreadsheet whose two renamed columns are mapped by hand, save a new version,
 * start an exercise from it and see each new inject reach its audience, and only it.
 */

/** Two columns carry names no MSEL template uses: "Sent by" (From) and "Who gets it" (To). */
const CSV = [
  'Inject number,Title,Time,Sent by,Who gets it,Channel,Subject,Message',
  '21,Bank calls the CFO,Round 1 · deliberation,Relationship bank,CFO,phone,Covenant review on Friday,The bank wants the runway figure.',
  '22,Fund partner asks,Round 1 · deliberation,Fund partner,Investor,email,Partner meeting moved up,The partners meet tomorrow.',
  '23,Status page traffic,Round 1 · deliberation,Support lead,all,chat,Status page hits a record,Everyone is refreshing the status page.',
].join('\r\n');

async function openShortScenario(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/author`);
  const select = page.getByLabel('Scenario', { exact: true });
  await select.locator('option', { hasText: 'the first 30 days' }).waitFor({ state: 'attached' });
  const value = await select.locator('option', { hasText: 'the first 30 days' }).getAttribute('value');
  await select.selectOption(value ?? '');
  await page.getByText(/no problems\.$/).waitFor();
}

describe('/author', () => {
  const running = browserAndServer();

  /** A laptop-sized browser of its own with the short scenario open on /author. */
  async function authorPage() {
    const errors: string[] = [];
    const context = await running.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    trackErrors(page, errors, 'author');
    page.setDefaultTimeout(20_000);
    await openShortScenario(page, running.server.url);
    return { errors, context, page };
  }

  it('edits the short scenario, imports an MSEL with mapped columns, saves a version and runs it', async () => {
    const { errors, context, page } = await authorPage();

    // The timeline: a new inject in round 1; it has no sender yet, and the form says so at the field.
    await page.getByRole('button', { name: 'MSEL', exact: true }).click();
    await page.getByRole('button', { name: 'Add inject to round 1' }).click();
    const form = page.locator('fieldset.inject-form');
    const from = form.getByLabel('From (the simulated sender)');
    await expect.poll(() => from.getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.field-problems').first().textContent()).toMatch(/line \d+:/);
    await form.getByLabel('Title').fill('Cache stampede at the CFO desk');
    await form.getByLabel('Subject').fill('Cache stampede: the bill doubles');
    await form.getByLabel(/^To \(all, or role ids/).fill('cfo');
    await from.fill('Cloud billing alert');
    await expect.poll(() => from.getAttribute('aria-invalid')).toBe(null);
    await page.getByText(/no problems\.$/).waitFor();
    await form.getByRole('button', { name: 'Done' }).click();

    // The MSEL spreadsheet: two columns mapped by hand, a preview with no problems, then added.
    const dir = mkdtempSync(path.join(tmpdir(), 'ct-msel-'));
    const csvFile = path.join(dir, 'round-one-extras.csv');
    writeFileSync(csvFile, CSV);
    await page.getByLabel('CSV file').setInputFiles(csvFile);
    // Unmapped, the audience column is not read and the rows miss their sender: the preview says where.
    await page.getByText(/problems? to fix in the spreadsheet or the mapping/).waitFor();
    expect(await page.locator('.problem-list li').count()).toBeGreaterThan(0);
    await page.getByLabel('Read column Sent by as').selectOption('from');
    await page.getByLabel('Read column Who gets it as').selectOption('audience');
    await page.getByText('3 injects read, no problems.').waitFor();
    await screenshot(page, 'author-msel-import-1280');
    await page.getByRole('button', { name: 'Import 3 injects' }).click();
    await page.getByText(/no problems\.$/).waitFor();
    const yaml = await page.getByLabel(/^YAML \(/).inputValue();
    expect(yaml).toContain('title: Bank calls the CFO');
    expect(yaml).toMatch(/from: "?Cloud billing alert"?\n/);

    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.getByText(/Saved socialwave-first-30-days as version 2\./).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Start an exercise from the saved version; a CFO and an Investor join.
    await page.getByRole('button', { name: 'Start an exercise from it' }).click();
    await page.waitForURL(/\/facilitate\//);
    const joinCode = (await page.locator('.join-code').first().textContent())?.trim() ?? '';
    const cfo = await joinAsPlayer(running.browser, running.server.url, {
      code: joinCode,
      name: 'Cara',
      roleId: 'cfo',
      roleName: 'CFO',
      via: 'qr-link',
    });
    const investor = await joinAsPlayer(running.browser, running.server.url, {
      code: joinCode,
      name: 'Ivo',
      roleId: 'investor',
      roleName: 'Investor',
      via: 'qr-link',
    });
    await page.getByRole('button', { name: /Start exercise/ }).click();
    await waitForPhase(page, 'Briefing');
    await advanceTo(page, 'Injects');
    await advanceTo(page, 'Deliberation');
    await waitForPhase(cfo, 'Deliberation');
    await waitForPhase(investor, 'Deliberation');

    await expect.poll(() => pageText(cfo)).toContain('Status page hits a record');
    const cfoText = await pageText(cfo);
    expect(cfoText).toContain('Cache stampede: the bill doubles');
    expect(cfoText).toContain('Covenant review on Friday');
    expect(cfoText).not.toContain('Partner meeting moved up');
    await expect.poll(() => pageText(investor)).toContain('Status page hits a record');
    const investorText = await pageText(investor);
    expect(investorText).toContain('Partner meeting moved up');
    expect(investorText).not.toContain('Covenant review on Friday');
    expect(investorText).not.toContain('Cache stampede: the bill doubles');

    expect(errors).toEqual([]);
    await context.close();
    await cfo.context().close();
    await investor.context().close();
  }, 180_000);

  it('edits lists in forms: an objective with its test, an action effect, a role authority and an end state', async () => {
    const { errors, context, page } = await authorPage();
    const yaml = page.getByLabel(/^YAML \(/);
    const original = await yaml.inputValue();
    // The shipped file's comments survive every form edit below.
    const comment = original.split('\n').find((line) => line.trim().startsWith('#')) ?? '';
    expect(comment).not.toBe('');

    // Objectives: add one; set its test by metric, comparison and threshold, all from the form.
    await page.getByRole('button', { name: 'Objectives', exact: true }).click();
    await page.getByRole('button', { name: 'Add an objective' }).click();
    const objective = page.locator('fieldset.author-card', {
      has: page.locator('legend', { hasText: 'New objective' }),
    });
    await objective.getByLabel('Title').fill('Keep the database under 80%');
    const card = page.locator('fieldset.author-card', {
      has: page.locator('legend', { hasText: 'Keep the database under 80%' }),
    });
    await card.getByLabel('Metric').selectOption('db-utilization');
    await card.getByLabel('Comparison').selectOption('<');
    await card.getByLabel('Threshold').fill('0.8');
    await page.getByText(/no problems\.$/).waitFor();
    let text = await yaml.inputValue();
    expect(text).toContain('title: Keep the database under 80%');
    expect(text).toMatch(/metric: db-utilization\s+comparison: "?<"?\s+threshold: 0\.8/);
    // A test day before day 1 is refused at its field until it is fixed.
    await card.getByLabel('Tested on day').fill('0');
    await expect.poll(() => card.getByLabel('Tested on day').getAttribute('aria-invalid')).toBe('true');
    await card.getByLabel('Tested on day').fill('30');
    await page.getByText(/no problems\.$/).waitFor();

    // Actions: the first action gets a second effect, an outage of the CDN for 2 hours.
    await page.getByRole('button', { name: 'Actions', exact: true }).click();
    const action = page
      .locator('section[aria-label="Actions"] > .author-list > fieldset.author-card')
      .first();
    const effects = action.locator('.author-list.nested > fieldset.author-card');
    const before = await effects.count();
    await action.getByRole('button', { name: 'Add an effect' }).click();
    await expect.poll(() => effects.count()).toBe(before + 1);
    const added = effects.nth(before);
    await added.getByLabel('Effect type').selectOption('outage');
    await added.getByLabel('target').selectOption('cdn');
    await added.getByLabel('hours').fill('2');
    await page.getByText(/no problems\.$/).waitFor();
    expect(await yaml.inputValue()).toMatch(/type: outage\s+target: cdn\s+hours: 2/);

    // Roles: the CFO may now also veto security actions.
    await page.getByRole('button', { name: 'Roles and briefs', exact: true }).click();
    const cfo = page.locator('fieldset.author-card', { has: page.locator('legend', { hasText: /^CFO$/ }) });
    const veto = cfo.locator('fieldset.checks', { has: page.locator('legend', { hasText: 'May veto' }) });
    await veto.getByLabel('security').check();
    await page.getByText(/no problems\.$/).waitFor();
    const cfoRole = (await yaml.inputValue()).split(/\n {2}- id: /).find((part) => part.startsWith('cfo'));
    expect(cfoRole).toMatch(/veto:[^\n]*security|veto:(\n\s+- [a-z]+)*\n\s+- security/);

    // Rules: an end state added and removed again; removing leaves the rest as it was.
    await page.getByRole('button', { name: 'Rubric and rules', exact: true }).click();
    const withEnd = await yaml.inputValue();
    await page.getByRole('button', { name: 'Add an end state' }).click();
    await page.getByText(/no problems\.$/).waitFor();
    expect(await yaml.inputValue()).toContain('id: new-end-state');
    await page.getByRole('button', { name: 'Remove end state New end state' }).click();
    await expect.poll(() => yaml.inputValue()).not.toContain('new-end-state');
    text = await yaml.inputValue();
    expect(text).toContain(comment);
    expect(text.split('\n').length).toBe(withEnd.split('\n').length);

    for (const [name, width, height] of [
      ['390', 390, 844],
      ['1280', 1280, 720],
      ['1920', 1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.getByRole('button', { name: 'Actions', exact: true }).click();
      await screenshot(page, `author-lists-${name}`);
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('looks right at phone, laptop and projector sizes, with no serious accessibility problem', async () => {
    for (const [name, width, height] of [
      ['390', 390, 844],
      ['1280', 1280, 720],
      ['1920', 1920, 1080],
    ] as const) {
      const context = await running.browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      await openShortScenario(page, running.server.url);
      await page.getByRole('button', { name: 'MSEL', exact: true }).click();
      await page.getByRole('button', { name: 'Add inject to round 2' }).click();
      await screenshot(page, `author-${name}`);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await context.close();
    }
  }, 120_000);
});
