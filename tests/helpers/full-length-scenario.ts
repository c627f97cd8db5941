import { readFileSync } from 'node:fs';

/**
 * The short scenario with its early failure end states as they were before the balance work
 * (user exodus and forced acquisition at a 7-day average under 15 instead of 35), uploaded to the
 * server's scenario library under its own id. Tests that walk a table through all three rounds
 * while nobody plays well (the hot wash, the deliverable at day 30, the full socket game) use it:
 * with the shipped thresholds, doing nothing rightly ends the exercise at day 20.
 */
export const FULL_LENGTH_SCENARIO_ID = 'socialwave-first-30-days-full-length';

export function fullLengthScenarioYaml(): string {
  const text = readFileSync('scenarios/socialwave-first-30-days.yaml', 'utf8');
  const replaced = text
    .replace(/^id: socialwave-first-30-days$/m, `id: ${FULL_LENGTH_SCENARIO_ID}`)
    .replace(
      "condition: { metric: user-trust, comparison: '<', threshold: 35, windowDays: 7 }",
      "condition: { metric: user-trust, comparison: '<', threshold: 15, windowDays: 7 }",
    )
    .replace(
      "condition: { metric: investor-confidence, comparison: '<', threshold: 35, windowDays: 7 }",
      "condition: { metric: investor-confidence, comparison: '<', threshold: 15, windowDays: 7 }",
    );
  if (replaced === text || !replaced.includes(`id: ${FULL_LENGTH_SCENARIO_ID}`)) {
    throw new Error('the short scenario no longer has the fields this variant changes');
  }
  return replaced;
}

/** Uploads the variant to a running server (idempotent per server). */
export async function uploadFullLengthScenario(serverUrl: string): Promise<string> {
  const response = await fetch(`${serverUrl}/api/scenarios`, {
    method: 'POST',
    headers: { 'content-type': 'application/yaml' },
    body: fullLengthScenarioYaml(),
  });
  if (!response.ok && response.status !== 409) {
    throw new Error(`uploading the full-length scenario: ${response.status} ${await response.text()}`);
  }
  return FULL_LENGTH_SCENARIO_ID;
}
