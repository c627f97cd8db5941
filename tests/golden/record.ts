/**
 * Records the golden whole-game files (tests/golden/*.json): for fixed seeds, the log, a digest
 * of the final state and the score of a game played by computer players in every role. Run it
 * only when a change is meant to alter the game (`npx tsx tests/golden/record.ts`); refactors must
 * leave these files unchanged (tests/golden/golden.test.ts compares).
 */
import { writeFileSync } from 'node:fs';
import { GOLDEN_GAMES, goldenFile, goldenOf } from './golden-games';

for (const game of GOLDEN_GAMES) {
  const golden = await goldenOf(game);
  writeFileSync(goldenFile(game), `${JSON.stringify(golden, null, 1)}\n`);
  console.log(
    `${game.scenarioId} seed ${game.seed}: ${golden.events.length} events, score ${golden.score?.total}`,
  );
}
