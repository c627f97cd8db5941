import { createHash } from 'node:crypto';
import type { Scenario } from '../../shared/scenario/schema';

/**
 * One parsed copy of each scenario version for every session on this process (issue 14, finding 1:
 * a restored session used to keep its own ~130 KiB copy). Sessions embed their scenario so a replay
 * never depends on a file; restoring parses it again from the log, and this hands back the copy
 * already held for the same id, version and content. The digest is of the content, so two files
 * that kept the same id and version but changed still get a copy each. Scenario objects are never
 * mutated (the state is plain immutable data), which is what makes sharing safe.
 */
const MAX_INTERNED = 256;
const interned = new Map<string, Scenario>();

export function internScenario(scenario: Scenario): Scenario {
  const digest = createHash('sha256').update(JSON.stringify(scenario)).digest('hex');
  const key = `${scenario.id}@${scenario.version}#${digest}`;
  const held = interned.get(key);
  if (held) return held;
  if (interned.size >= MAX_INTERNED) {
    // Bounded: a process that saw hundreds of scenario versions keeps the latest ones shared.
    const oldest = interned.keys().next().value;
    if (oldest !== undefined) interned.delete(oldest);
  }
  interned.set(key, scenario);
  return scenario;
}

/** Scenario versions held (tests, metrics). */
export function internedScenarios(): number {
  return interned.size;
}
