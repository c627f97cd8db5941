import path from 'node:path';

/** The shipped short scenario, played as it ships (its monetization push is decided by a table vote). */
export const SHORT_SCENARIO_FILE = path.resolve('scenarios/socialwave-first-30-days.yaml');
