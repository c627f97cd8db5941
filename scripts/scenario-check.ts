// `npm run scenario:check -- <files...>`: validates scenario files and prints every problem as
// `file:line:column path.to.field: message` (the format editors and CI annotate), `OK <file>` for
// each valid file. Exit code 0 when every file is valid, 1 when any has a problem, 2 on bad usage.
import { readFileSync, statSync } from 'node:fs';
import {
  formatScenarioProblem,
  parseScenario,
  type ScenarioProblem,
  scenarioSizeProblem,
} from '../shared/scenario/index';

function readProblem(file: string, error: unknown): ScenarioProblem {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(code ?? error);
  return {
    file,
    line: 1,
    column: 1,
    path: '(root)',
    code: 'unreadable',
    message: `cannot read the file: ${reason}`,
  };
}

/** The problems of one file; the size is checked before reading, so a huge file is never loaded. */
function check(file: string): ScenarioProblem[] {
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return [readProblem(file, Object.assign(new Error(), { code: 'EISDIR' }))];
    const tooLarge = scenarioSizeProblem(file, stat.size);
    if (tooLarge) return [tooLarge];
    const result = parseScenario(readFileSync(file, 'utf8'), file);
    return result.ok ? [] : result.problems;
  } catch (error) {
    return [readProblem(file, error)];
  }
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run scenario:check -- <scenario.yaml> [more files...]');
  process.exit(2);
}

let failed = false;
for (const file of files) {
  const problems = check(file);
  if (problems.length === 0) console.log(`OK ${file}`);
  for (const problem of problems) console.log(formatScenarioProblem(problem));
  failed ||= problems.length > 0;
}
process.exit(failed ? 1 : 0);
