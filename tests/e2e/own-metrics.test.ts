import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { browserAndServer } from './support/browser-and-server';
import { createExercise, currentPhase, trackErrors, waitForPhase } from './support/exercise-ui';
import { measureFit } from './support/room-fit';

/**
 * Issue 16, "any exercise, not only SocialWave": the hospital ransomware exercise runs on its own
 * model (model.infrastructure false, rounds in hours). Six players on their own pages, a projector
 * and an evaluator follow it through every phase of every round to the debrief; on no player or
 * projector page does an infrastructure metric appear (p95, infrastructure cost, ARPU, daily active
 * users, runway), while the scenario's own metric labels, hours, modules and rated capabilities do.
 */

const FILE = path.resolve('scenarios/hospital-ransomware.yaml');
const SHOTS = '/tmp/shots-16';

interface ScenarioFile {
  id: string;
  title: string;
  roles: { id: string; name: string }[];
  metrics: { id: string; label: string }[];
  dashboard?: { tiles: string[] };
  modules?: { title: string; rounds: number[] }[];
  objectives: { id: string; title: string; rated?: boolean }[];
  rounds: { count: number; unit?: string };
}
const scenario = parse(readFileSync(FILE, 'utf8')) as ScenarioFile;
const FORBIDDEN = /p95|infrastructure cost|arpu|daily active users|runway/i;
const tileLabels = (scenario.dashboard?.tiles ?? scenario.metrics.map((m) => m.id))
  .slice(0, 6)
  .map((id) => scenario.metrics.find((m) => m.id === id)?.label ?? id);

const SIZES = {
  phone: { width: 390, height: 844 },
  laptop: { width: 1440, height: 900 },
  projector: { width: 1920, height: 1080 },
} as const;
type Size = keyof typeof SIZES;

const NAMES = ['Ada', 'Bo', 'Chen', 'Dana', 'Eli', 'Femi'];
const PLAYER_SIZES: Size[] = ['phone', 'laptop', 'projector', 'laptop', 'laptop', 'phone'];

async function pageOf(browser: Browser, size: Size): Promise<Page> {
  const context = await browser.newContext({
    viewport: SIZES[size],
    isMobile: size === 'phone',
    hasTouch: size === 'phone',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

// The text a person sees (hidden sections left out), which textContent would not give.
const bodyText = (page: Page) =>
  page.evaluate(
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text is what is checked.
    () => document.body.innerText,
  );

/** The page at each of the three sizes, photographed into /tmp/shots-16, with what does not fit. */
async function shoot(page: Page, name: string, problems: string[], fitsScreen = false): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const original = page.viewportSize();
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150);
    const fit = await measureFit(page);
    if (fit.scrollWidth > fit.clientWidth)
      problems.push(
        `${name} at ${size} pans sideways (${fit.scrollWidth} > ${fit.clientWidth}): ${fit.overflowing.join(', ')}`,
      );
    if (fitsScreen && size === 'projector' && fit.scrollHeight > fit.clientHeight)
      problems.push(`${name} at 1920x1080 scrolls: ${fit.scrollHeight} > ${fit.clientHeight}`);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${viewport.width}x${viewport.height}.png`) });
  }
  if (original) await page.setViewportSize(original);
}

describe(`an exercise on its own model (${path.basename(FILE)}): no infrastructure metric on any page`, () => {
  const running = browserAndServer();
  const errors: string[] = [];
  const problems: string[] = [];
  const players: Page[] = [];
  let console_: Page;
  let screen: Page;
  let evaluator: Page;

  /** Every player page and the projector, in this phase: no infrastructure word, the scenario's labels. */
  async function checkPages(phase: string): Promise<void> {
    const pages: [string, Page][] = [
      ['projector', screen],
      ...players.map((p, i): [string, Page] => [`${NAMES[i]}'s page`, p]),
    ];
    for (const [who, page] of pages) {
      const text = await bodyText(page);
      const found = text.match(FORBIDDEN);
      if (found) problems.push(`${who} in ${phase} shows "${found[0]}"`);
    }
    const fit = await measureFit(screen);
    if (fit.scrollHeight > fit.clientHeight || fit.scrollWidth > fit.clientWidth)
      problems.push(`the projector scrolls in ${phase}: ${fit.scrollHeight} > ${fit.clientHeight}`);
    const phoneFit = await measureFit(players[0] as Page);
    if (phoneFit.scrollWidth > phoneFit.clientWidth)
      problems.push(`the 390 px phone pans sideways in ${phase}: ${phoneFit.overflowing.join(', ')}`);
  }

  it('a facilitator creates the exercise; a projector, an evaluator and six players join on their own pages', {
    timeout: 120_000,
  }, async () => {
    console_ = await pageOf(running.browser, 'laptop');
    console_.on('dialog', (dialog) => void dialog.accept());
    trackErrors(console_, errors, 'console');
    const { joinCode } = await createExercise(console_, running.server.url, { id: scenario.id });

    await console_.getByRole('button', { name: 'Create projector screen link' }).click();
    const screenHref =
      (await console_
        .getByRole('link', { name: /^Open Projector/ })
        .last()
        .getAttribute('href')) ?? '';
    screen = await pageOf(running.browser, 'projector');
    trackErrors(screen, errors, 'screen');
    await screen.goto(screenHref);
    await screen.getByRole('heading', { name: 'Join the exercise' }).waitFor();

    await console_.getByRole('button', { name: 'Create evaluator link' }).click();
    const evaluatorHref =
      (await console_
        .getByRole('link', { name: /^Open Evaluator/ })
        .last()
        .getAttribute('href')) ?? '';
    evaluator = await pageOf(running.browser, 'laptop');
    trackErrors(evaluator, errors, 'evaluator');
    await evaluator.goto(evaluatorHref);
    await evaluator.getByRole('heading', { name: 'Capabilities you rate' }).waitFor();

    for (const [i, role] of scenario.roles.slice(0, 6).entries()) {
      const page = await pageOf(running.browser, PLAYER_SIZES[i] as Size);
      const name = NAMES[i] as string;
      trackErrors(page, errors, name);
      await page.goto(`${running.server.url}/join/${joinCode}`);
      await page.getByLabel('Preferred role').selectOption(role.id);
      await page.getByLabel('Your name').fill(name);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await page.waitForURL(/\/play\//);
      await page.locator('.phase-name').first().waitFor();
      players.push(page);
    }
    for (const [i, role] of scenario.roles.slice(0, 6).entries()) {
      const select = console_.getByLabel(`Role of ${NAMES[i]}`);
      if ((await select.inputValue()) !== role.id) await select.selectOption(role.id);
    }
    await screen.getByText(`${players.length} players joined`).waitFor();
    await checkPages('Lobby');
  });

  it("plays every round to the debrief: hours, the module, the scenario's tiles; no infrastructure word", {
    timeout: 300_000,
  }, async () => {
    await console_.getByRole('button', { name: /Start exercise/ }).click();
    await waitForPhase(console_, 'Briefing');
    await checkPages('Briefing');
    const unit =
      scenario.rounds.unit === 'hours' ? 'Hour' : scenario.rounds.unit === 'minutes' ? 'Minute' : 'Day';
    let shotRound = false;
    for (let step = 0; step < scenario.rounds.count * 5 + 2; step++) {
      const before = await currentPhase(console_);
      if (before === 'Debrief' || before === 'Ended') break;
      await console_.getByRole('button', { name: /Advance to next phase/ }).click();
      await console_
        .locator('.phase-name', { hasText: new RegExp(`^(?!${before}$)`) })
        .first()
        .waitFor();
      const phase = await currentPhase(console_);
      await waitForPhase(screen, phase);
      for (const p of players) await waitForPhase(p, phase);
      await checkPages(`${phase} (step ${step})`);
      if (phase === 'Injects' || phase === 'Review') {
        // The scenario's own labels and time: its tiles on the projector, the hour in the bar.
        const text = await bodyText(screen);
        for (const label of tileLabels)
          if (!text.includes(label)) problems.push(`the projector in ${phase} lacks the tile "${label}"`);
        if (!new RegExp(`${unit} \\d+`).test(text))
          problems.push(`the projector in ${phase} does not count in ${scenario.rounds.unit}`);
        const phone = await bodyText(players[0] as Page);
        if (!phone.includes(tileLabels[0] as string))
          problems.push(`the phone in ${phase} lacks "${tileLabels[0]}"`);
      }
      if (phase === 'Deliberation' && !shotRound) {
        shotRound = true;
        // The current module, on the player page and the projector.
        const module = scenario.modules?.find((m) => m.rounds.includes(1));
        if (module) {
          await screen.getByText(module.title).first().waitFor();
          await (players[1] as Page).getByText(module.title).first().waitFor();
        }
        // The action catalog: no price, effects in words, an uncertain value shown as one.
        const phone = players[0] as Page;
        await phone.getByRole('button', { name: /^Actions/ }).click();
        await phone.locator('#section-actions article.action').first().waitFor();
        const actionsText = await bodyText(phone);
        const found = actionsText.match(FORBIDDEN);
        if (found) problems.push(`the phone's actions show "${found[0]}"`);
        expect(await phone.locator('#section-actions dt', { hasText: /^Cost$/ }).count()).toBe(0);
        expect(await phone.locator('#section-actions .projection').count()).toBe(0);
        await shoot(phone, 'play-actions', problems);
        await phone.getByRole('button', { name: /^Now/ }).click();
        await shoot(players[1] as Page, 'play', problems);
        await shoot(screen, 'screen-deliberation', problems, true);
        await screen.setViewportSize(SIZES.projector);

        // The evaluator rates a capability with HSEEP's S (some challenges = 3).
        const rated = scenario.objectives.find((o) => o.rated);
        if (rated) {
          await evaluator.getByLabel('Objective or rubric dimension').selectOption(`objective:${rated.id}`);
          await evaluator.getByLabel('Rating').selectOption('3');
          await evaluator.getByRole('button', { name: 'Record observation' }).click();
          await evaluator.getByText(`${rated.title}: rated by evaluators: S`).waitFor();
          await shoot(evaluator, 'evaluate', problems);
        }
      }
      if (phase === 'Review' && step < 10) await shoot(screen, 'screen-review', problems, true);
    }
    await waitForPhase(console_, 'Debrief');
    await checkPages('Debrief');
    await shoot(screen, 'screen-debrief', problems, true);

    const debrief = players[1] as Page;
    await debrief.goto(`${running.server.url}/debrief/${new URL(debrief.url()).pathname.split('/').pop()}`);
    await debrief.getByRole('heading', { name: 'Objectives', exact: true }).waitFor();
    const text = await bodyText(debrief);
    const found = text.match(FORBIDDEN);
    if (found) problems.push(`the debrief shows "${found[0]}"`);
    expect(text).toContain('rated by evaluators');
    for (const module of scenario.modules ?? []) expect(text).toContain(module.title);
    expect(text).toContain(tileLabels[0]);
    await shoot(debrief, 'debrief', problems);

    // The facilitator's debrief shows the evaluator's rating of the capability.
    const rated = scenario.objectives.find((o) => o.rated);
    if (rated) {
      await console_.goto(
        `${running.server.url}/debrief/${new URL(console_.url()).pathname.split('/').pop()}`,
      );
      await console_
        .getByText(/rated by evaluators: S, performed with some challenges/)
        .first()
        .waitFor();
    }

    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  });
});
