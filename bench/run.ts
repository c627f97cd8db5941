// `npm run bench`: runs every bench/*.bench.ts (each exports `run(): Promise<BenchResult[]>`),
// prints the figures, and appends them to docs/benchmarks.md with the machine, command and date.
import { appendFileSync, existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

const only = process.argv.slice(2);
const dir = path.resolve('bench');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (files.length === 0) {
  console.error('No benchmarks matched.');
  process.exit(1);
}

const results: Array<BenchResult & { file: string }> = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as {
    run: () => Promise<BenchResult[]>;
  };
  for (const result of await mod.run()) {
    results.push({ ...result, file });
    console.log(
      `${file}  ${result.name}: ${result.value} ${result.unit}${result.note ? `  (${result.note})` : ''}`,
    );
  }
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const command = `npm run bench${only.length ? ` -- ${only.join(' ')}` : ''}`;
const lines = [
  '',
  `### ${new Date().toISOString().slice(0, 10)}: \`${command}\``,
  '',
  `Machine: ${machine}`,
  '',
  '| benchmark | figure | value | unit | note |',
  '| --- | --- | --- | --- | --- |',
  ...results.map((r) => `| ${r.file} | ${r.name} | ${r.value} | ${r.unit} | ${r.note ?? ''} |`),
  '',
];
const target = path.resolve('docs/benchmarks.md');
if (!existsSync(target)) appendFileSync(target, '# Benchmarks\n\nFigures appended by `npm run bench`.\n');
appendFileSync(target, lines.join('\n'));
console.log(`Appended ${results.length} figures to docs/benchmarks.md`);
