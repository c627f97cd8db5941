import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** Text as a browser shows it: Markdown markers gone, whitespace collapsed. */
export function normalize(text: string): string {
  return text
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface PrivateText {
  /** Where the text comes from, for the failure message. */
  source: string;
  text: string;
}

interface ScenarioFile {
  roles: { id: string; privateBrief: string; secretObjectives?: string[] }[];
  injects: { id: string; facilitatorNotes?: string }[];
}

/**
 * Every piece of the scenario file that the projector must never show: each role's private brief
 * (whole, and sentence by sentence, so a partial leak is caught too), each secret objective, and
 * each inject's facilitator notes. Read from the file itself, not restated in the test.
 */
export function privateTexts(scenarioFile: string): PrivateText[] {
  const scenario = parse(readFileSync(scenarioFile, 'utf8')) as ScenarioFile;
  const texts: PrivateText[] = [];
  for (const role of scenario.roles) {
    const brief = normalize(role.privateBrief);
    texts.push({ source: `${role.id} private brief`, text: brief });
    for (const sentence of brief.split(/(?<=[.!?])\s+/)) {
      if (sentence.length >= 24) texts.push({ source: `${role.id} private brief sentence`, text: sentence });
    }
    for (const objective of role.secretObjectives ?? []) {
      texts.push({ source: `${role.id} secret objective`, text: normalize(objective) });
    }
  }
  for (const inject of scenario.injects) {
    if (inject.facilitatorNotes?.trim()) {
      texts.push({ source: `${inject.id} facilitator notes`, text: normalize(inject.facilitatorNotes) });
    }
  }
  return texts;
}

/** The private texts that appear in a page's visible text. */
export function leaks(pageText: string, texts: PrivateText[]): PrivateText[] {
  const shown = normalize(pageText);
  return texts.filter((t) => shown.includes(t.text));
}
