import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createExercise, TestClient } from '../../helpers/socket-client';
import { listeningUrl } from '../crash/server-process';
import { everyoneAt, NO_COMPUTER_PLAYERS, playerView, startRealtimeServer, UNLIMITED_RATE } from './table';

const SCENARIO = 'socialwave-first-30-days';

describe('restart: unfinished sessions are restored from the store', () => {
  it('brings back the exercise, its players, its join code and its view after a graceful restart', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'crisis-table-restart-'));
    const overrides = { ...NO_COMPUTER_PLAYERS, ...UNLIMITED_RATE };
    const first = await startRealtimeServer(overrides, { DATA_DIR: dataDir });
    const exercise = await createExercise(first.url, SCENARIO);
    const ended = await createExercise(first.url, SCENARIO);
    const facilitator = await TestClient.connect(first.url);
    await facilitator.authenticate(exercise.sessionId, exercise.facilitatorToken);
    const cfo = await TestClient.connect(first.url);
    const joined = await cfo.join(exercise.joinCode, 'Robin', 'cfo');
    if (!joined.ok) throw new Error(joined.code);
    await facilitator.must({ type: 'start' });
    await facilitator.must({ type: 'advance' });
    await facilitator.must({ type: 'advance' });
    const seq = await cfo.must({
      type: 'propose',
      actionId: 'investor-update',
      rationale: 'Keep the board close.',
    });
    await everyoneAt([facilitator, cfo], seq);
    const other = await TestClient.connect(first.url);
    await other.authenticate(ended.sessionId, ended.facilitatorToken);
    await other.must({ type: 'end' });

    await first.close();
    expect(facilitator.socket.connected || cfo.socket.connected).toBe(false);

    const second = await startRealtimeServer(overrides, { DATA_DIR: dataDir });
    try {
      const back = await TestClient.connect(second.url);
      expect(await back.authenticate(exercise.sessionId, joined.token)).toMatchObject({ ok: true, seq });
      const view = playerView(back);
      expect(view).toMatchObject({ phase: 'deliberation', round: 1, me: { name: 'Robin', roleId: 'cfo' } });
      expect(view.proposals.map((p) => p.actionId)).toEqual(['investor-update']);
      // The code still admits players; the ended exercise was not restored.
      const latecomer = await TestClient.connect(second.url);
      expect(await latecomer.join(exercise.joinCode, 'Sam', 'investor')).toMatchObject({ ok: true });
      const stranger = await TestClient.connect(second.url);
      expect(await stranger.authenticate(ended.sessionId, ended.facilitatorToken)).toMatchObject({
        ok: false,
        code: 'unknown-session',
      });
      // Its export still works from the store.
      const exported = await fetch(`${second.url}/api/sessions/${ended.sessionId}/export`, {
        headers: { authorization: `Bearer ${ended.facilitatorToken}` },
      });
      expect(exported.status).toBe(200);
      for (const client of [back, latecomer, stranger]) client.close();
    } finally {
      await second.close();
    }
  });
});

describe('the server process', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('shuts down gracefully on SIGTERM, with JSON logs that carry no tokens or names', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'crisis-table-proc-')),
        LOG_LEVEL: 'debug',
        CLIENT_DIR: path.join(tmpdir(), 'no-client-here'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start: ${stdout}`)), 20_000);
      child!.stdout!.on('data', () => {
        // The log is JSON only: the url is in the `listening` line.
        const url = listeningUrl(stdout);
        if (url) {
          clearTimeout(timer);
          resolve(url);
        }
      });
    });
    const exercise = await createExercise(url, SCENARIO);
    const player = await TestClient.connect(url);
    const joined = await player.join(exercise.joinCode, 'Zelda Secretname', 'cfo');
    if (!joined.ok) throw new Error(joined.code);
    await player.must({ type: 'message-facilitator', body: 'A private note to the control cell.' });
    const disconnected = new Promise<void>((resolve) => player.socket.on('disconnect', () => resolve()));

    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await disconnected;

    // The log is JSON only: no plain-text banner or line in between.
    const lines = stdout.split('\n').filter((line) => line !== '');
    expect(lines.filter((line) => !line.startsWith('{'))).toEqual([]);
    const logs = lines.map((line) => JSON.parse(line) as { msg: string; level: number });
    expect(logs.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['listening', 'exercise created', 'shutting down', 'stopped']),
    );
    for (const secret of [exercise.facilitatorToken, joined.token, 'Zelda Secretname', 'A private note']) {
      expect(stdout).not.toContain(secret);
    }
  });
});
