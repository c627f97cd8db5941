import { spawn } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileStore } from '../../../server/store/file-store';
import {
  StoreCorruptionError,
  StoreUnavailableError,
  type StoreWarning,
} from '../../../server/store/session-store';
import { describeStoreContract, events } from './contract';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'crisis-table-store-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeStoreContract('file', () => FileStore.open({ dataDir: tempDir() }));

const logOf = (dataDir: string, sessionId: string) =>
  path.join(dataDir, 'sessions', sessionId, 'events.jsonl');

describe('FileStore on disk', () => {
  it('writes one JSON line per append under sessions/<id>/events.jsonl', async () => {
    const dataDir = tempDir();
    const store = await FileStore.open({ dataDir });
    await store.append('s1', 0, events(1, 1));
    await store.append('s1', 1, events(2, 4));
    await store.close();
    const lines = readFileSync(logOf(dataDir, 's1'), 'utf8').split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((line) => JSON.parse(line))).toEqual([events(1, 1), events(2, 4)]);
  });

  it('tolerates and reports a torn last line, then truncates it on the next append', async () => {
    const dataDir = tempDir();
    const reported: StoreWarning[] = [];
    const store = await FileStore.open({ dataDir, onWarning: (warning) => reported.push(warning) });
    await store.append('s1', 0, events(1, 2));
    // A crash in the middle of writing a three-event append: only a prefix of its line reached the disk.
    const torn = `${JSON.stringify(events(3, 5)).slice(0, 150)}`;
    appendFileSync(logOf(dataDir, 's1'), torn);

    const loaded = await store.load('s1');
    expect(loaded.events).toEqual(events(1, 2)); // the whole torn append is gone, not part of it
    expect(loaded.lastSeq).toBe(2);
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]).toMatchObject({ code: 'torn-tail', sessionId: 's1' });
    expect(loaded.warnings[0]?.message).toContain(`${torn.length} torn bytes`);
    expect(reported.map((w) => w.code)).toEqual(['torn-tail']);
    expect(await store.list()).toEqual([{ sessionId: 's1', lastSeq: 2, archived: false }]);
    expect(await store.readEvents('s1')).toEqual(events(1, 2));
    expect(reported.map((w) => w.code)).toEqual(['torn-tail', 'torn-tail']);
    reported.length = 0;

    expect(await store.append('s1', 2, events(3, 3, 'after crash'))).toEqual({ ok: true, lastSeq: 3 });
    expect(reported.map((w) => w.code)).toEqual(['torn-tail-truncated']);
    const text = readFileSync(logOf(dataDir, 's1'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([events(1, 2), events(3, 3, 'after crash')]);
    const reloaded = await store.load('s1');
    expect(reloaded.warnings).toEqual([]);
    expect(reloaded.events).toEqual([...events(1, 2), ...events(3, 3, 'after crash')]);
    await store.close();
  });

  it('treats newline-terminated garbage at the very end as a torn tail too', async () => {
    const dataDir = tempDir();
    const store = await FileStore.open({ dataDir });
    await store.append('s1', 0, events(1, 1));
    // Some filesystems surface zero-filled blocks after a power cut.
    appendFileSync(logOf(dataDir, 's1'), '\0\0\0\0\n{"seq":\n\0\0');
    const loaded = await store.load('s1');
    expect(loaded.events).toEqual(events(1, 1));
    expect(loaded.warnings.map((w) => w.code)).toEqual(['torn-tail']);
    expect(await store.append('s1', 1, events(2, 2))).toEqual({ ok: true, lastSeq: 2 });
    expect((await store.load('s1')).events).toEqual(events(1, 2));
    await store.close();
  });

  it('refuses to guess when a line in the middle of a log is damaged', async () => {
    const dataDir = tempDir();
    const store = await FileStore.open({ dataDir });
    await store.append('s1', 0, events(1, 1));
    await store.append('s1', 1, events(2, 2));
    await store.append('s1', 2, events(3, 3));
    const file = logOf(dataDir, 's1');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1]?.replace('"seq":2', '"seq":2,,') ?? '';
    writeFileSync(file, lines.join('\n'));
    const load = store.load('s1');
    await expect(load).rejects.toBeInstanceOf(StoreCorruptionError);
    await expect(load).rejects.toMatchObject({ code: 'storage-corrupt' });
    await expect(store.readEvents('s1')).rejects.toBeInstanceOf(StoreCorruptionError);

    // A gap in seqs is damage too.
    writeFileSync(file, `${JSON.stringify(events(1, 1))}\n${JSON.stringify(events(3, 3))}\n`);
    await expect(store.load('s1')).rejects.toBeInstanceOf(StoreCorruptionError);
    await expect(store.readEvents('s1')).rejects.toBeInstanceOf(StoreCorruptionError);
    await store.close();
  });

  it('ignores a snapshot temp file left by a crash and removes it on the next snapshot', async () => {
    const dataDir = tempDir();
    const store = await FileStore.open({ dataDir });
    await store.append('s1', 0, events(1, 4));
    await store.snapshot('s1', { seq: 2, state: 'two' });
    const sessionDir = path.join(dataDir, 'sessions', 's1');
    // A crash between writing the temp file and renaming it over snapshot.json.
    const leftover = path.join(sessionDir, 'snapshot.json.4242.0f1e.tmp');
    writeFileSync(leftover, '{"seq":4,"state":"half-writ');
    const loaded = await store.load('s1');
    expect(loaded.snapshot).toEqual({ seq: 2, state: 'two' });
    expect(loaded.events).toEqual(events(3, 4));
    expect(loaded.warnings).toEqual([]);

    await store.snapshot('s1', { seq: 4, state: 'four' });
    expect(existsSync(leftover)).toBe(false);
    expect(readdirSync(sessionDir).sort()).toEqual(['events.jsonl', 'snapshot.json']);
    expect(JSON.parse(readFileSync(path.join(sessionDir, 'snapshot.json'), 'utf8'))).toEqual({
      seq: 4,
      state: 'four',
    });
    await store.close();
  });

  it('replays the whole log when the snapshot is unreadable, and says so', async () => {
    const dataDir = tempDir();
    const reported: StoreWarning[] = [];
    const store = await FileStore.open({ dataDir, onWarning: (warning) => reported.push(warning) });
    await store.append('s1', 0, events(1, 3));
    await store.snapshot('s1', { seq: 2, state: 'two' });
    writeFileSync(path.join(dataDir, 'sessions', 's1', 'snapshot.json'), 'not json');
    const loaded = await store.load('s1');
    expect(loaded.snapshot).toBeUndefined();
    expect(loaded.events).toEqual(events(1, 3));
    expect(loaded.warnings.map((w) => w.code)).toEqual(['snapshot-unreadable']);
    expect(reported.map((w) => w.code)).toEqual(['snapshot-unreadable']);
    await store.close();
  });

  it('keeps everything across a reopen of the data directory', async () => {
    const dataDir = tempDir();
    const first = await FileStore.open({ dataDir });
    await first.append('kept', 0, events(1, 3));
    await first.snapshot('kept', { seq: 2, state: { round: 1 } });
    await first.append('done', 0, events(1, 1));
    await first.archive('done');
    await first.append('gone', 0, events(1, 1));
    await first.delete('gone');
    await first.close();

    const second = await FileStore.open({ dataDir });
    expect(await second.list()).toEqual([
      { sessionId: 'done', lastSeq: 1, archived: true },
      { sessionId: 'kept', lastSeq: 3, archived: false },
    ]);
    expect(await second.load('kept')).toMatchObject({
      snapshot: { seq: 2, state: { round: 1 } },
      events: events(3, 3),
    });
    expect(await second.append('kept', 3, events(4, 4))).toEqual({ ok: true, lastSeq: 4 });
    await second.close();
  });

  it('finishes a deletion that a crash interrupted', async () => {
    const dataDir = tempDir();
    const store = await FileStore.open({ dataDir });
    await store.append('s1', 0, events(1, 1));
    await store.close();
    // A crash after the session was renamed into trash/ but before it was removed.
    mkdirSync(path.join(dataDir, 'trash', 'old.1234'), { recursive: true });
    writeFileSync(path.join(dataDir, 'trash', 'old.1234', 'events.jsonl'), JSON.stringify(events(1, 1)));
    const reopened = await FileStore.open({ dataDir });
    expect(readdirSync(path.join(dataDir, 'trash'))).toEqual([]);
    expect((await reopened.list()).map((s) => s.sessionId)).toEqual(['s1']);
    await reopened.close();
  });

  it('refuses an append with storage-unavailable when the disk is full, leaving the log as it was', async () => {
    const dataDir = tempDir();
    const store = await FileStore.open({ dataDir });
    const sessionDir = path.join(dataDir, 'sessions', 'full');
    mkdirSync(sessionDir, { recursive: true });
    // /dev/full fails every write with ENOSPC, like a full disk.
    symlinkSync('/dev/full', path.join(sessionDir, 'events.jsonl'));
    const append = store.append('full', 0, events(1, 1));
    await expect(append).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(append).rejects.toMatchObject({
      code: 'storage-unavailable',
      message: expect.stringMatching(/ENOSPC/),
    });

    // Space comes back: service resumes with no gap.
    rmSync(path.join(sessionDir, 'events.jsonl'));
    expect(await store.append('full', 0, events(1, 1))).toEqual({ ok: true, lastSeq: 1 });
    expect((await store.load('full')).events).toEqual(events(1, 1));
    await store.close();
  });

  it('lets exactly one of two store instances on one directory win a race', async () => {
    const dataDir = tempDir();
    const [one, two] = await Promise.all([FileStore.open({ dataDir }), FileStore.open({ dataDir })]);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? one : two).append('race', 0, events(1, 1, `writer-${i}`)),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect((await one.load('race')).lastSeq).toBe(1);
    await Promise.all([one.close(), two.close()]);
  });

  it('loses no acknowledged append when the writing process is SIGKILLed (4 rounds)', async () => {
    const dataDir = tempDir();
    const fixture = path.join(import.meta.dirname, 'fixtures', 'append-until-killed.ts');
    const acked = new Map<string, { seq: number; round: number }>();
    // Seeded kill moments (ms after the first acknowledgement): deterministic, varied.
    const killAfterMs = [37, 5, 120, 64];
    for (const [round, delay] of killAfterMs.entries()) {
      const child = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir, String(round)], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      let buffered = '';
      let firstAck: () => void = () => {};
      const started = new Promise<void>((resolve) => {
        firstAck = resolve;
      });
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const [sessionId, seq, ackRound] = line.split(' ');
          acked.set(sessionId as string, { seq: Number(seq), round: Number(ackRound) });
        }
        if (lines.length > 0) firstAck();
      });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await Promise.race([started, exited]);
      expect(stderr).toBe('');
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await exited;

      const store = await FileStore.open({ dataDir });
      for (const [sessionId, last] of acked) {
        const loaded = await store.load(sessionId);
        expect(loaded.lastSeq).toBeGreaterThanOrEqual(last.seq);
        expect(loaded.events.map((event) => event.seq)).toEqual(
          Array.from({ length: loaded.lastSeq }, (_, i) => i + 1),
        );
        const ackedEvent = loaded.events[last.seq - 1];
        expect(ackedEvent?.data).toMatchObject({ round: last.round });
      }
      await store.close();
    }
    expect(acked.size).toBe(3);
  });
});
