// The player route's production JavaScript, gzip-compressed: what a phone downloads on a
// classroom Wi-Fi before it can join. Builds the client into a temporary folder with Vite's
// manifest and follows the play route's chunk graph from the entry (static imports only:
// other routes' chunks are lazy and not fetched by a player).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Manifest } from 'vite';
import type { BenchResult } from './run';

const PLAYER_ROUTE = 'src/routes/play.tsx';

export async function run(): Promise<BenchResult[]> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'crisis-table-bundle-'));
  try {
    await build({
      configFile: path.resolve('vite.config.ts'),
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, manifest: true },
    });
    const manifest = JSON.parse(readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
    const files = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || files.has(chunk.file)) return;
      files.add(chunk.file);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    visit('index.html');
    visit(PLAYER_ROUTE);
    if (!manifest[PLAYER_ROUTE]) throw new Error(`${PLAYER_ROUTE} is not a chunk of the build`);
    let raw = 0;
    let gzip = 0;
    for (const file of files) {
      if (!file.endsWith('.js')) continue;
      const bytes = readFileSync(path.join(outDir, file));
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    const kib = (n: number) => Math.round((n / 1024) * 10) / 10;
    return [
      {
        name: 'player route JS (gzip)',
        value: kib(gzip),
        unit: 'KiB',
        note: `${files.size} chunks, ${kib(raw)} KiB before compression; entry + /play/:sessionId, gzip -9`,
      },
    ];
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
