import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../../server/app-server';
import { loadConfig } from '../../../server/config';
import { SimulatedClock } from '../../../server/game/simulated-clock';
import { createLogger } from '../../../server/logger';
import { hashToken } from '../../../server/sessions/tokens';
import { createExercise, TestClient } from '../../helpers/socket-client';

/**
 * Issue 20 item 9: the server's log follows the exercise's life in JSON lines an operator can
 * filter by session (created, started, each phase, injects delivered, commands accepted and
 * rejected with their code, ended), and never carries a token, a token hash, a name or a message.
 */

interface Line {
  level: number;
  msg: string;
  sessionId?: string;
  code?: string;
  [field: string]: unknown;
}

const SCENARIO = 'socialwave-first-30-days';
const written: string[] = [];
const destination = new Writable({
  write(chunk: Buffer, _encoding, done) {
    written.push(chunk.toString('utf8'));
    done();
  },
});
const lines = (): Line[] =>
  written
    .join('')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Line);

let server: RunningServer | undefined;
const clients: TestClient[] = [];
afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
});

describe('the exercise log', () => {
  it('logs created, started, phases, injects, accepted and rejected commands and the end, with no secrets', async () => {
    const loaded = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'crisis-table-log-')),
      LOG_LEVEL: 'info',
      CLIENT_DIR: path.join(tmpdir(), 'crisis-table-no-client'),
    });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const clock = new SimulatedClock();
    server = await startServer(loaded.config, createLogger('info', destination), { clock, timers: clock });
    const exercise = await createExercise(server.url, SCENARIO);
    const facilitator = await TestClient.connect(server.url);
    const player = await TestClient.connect(server.url);
    clients.push(facilitator, player);
    expect(await facilitator.authenticate(exercise.sessionId, exercise.facilitatorToken)).toMatchObject({
      ok: true,
    });
    const joined = await player.join(exercise.joinCode, 'Zelda Secretname', 'cfo');
    if (!joined.ok || joined.identity.kind !== 'player') throw new Error('the player did not join');
    const { playerId } = joined.identity;

    // A player may not advance the phase: refused with its code, and logged so.
    expect(await player.command({ type: 'advance' })).toMatchObject({ ok: false, code: 'not-authorized' });
    await facilitator.must({ type: 'message-player', playerId, body: 'A private word.' });
    await facilitator.must({ type: 'start' });
    await facilitator.must({ type: 'advance' }); // briefing -> round 1 injects: day-0 injects delivered
    // The phase timer runs out on the simulated clock: the phase closes by timer.
    const { deadline } = facilitator.view.timer;
    if (deadline === null) throw new Error('round 1 injects should be timed');
    clock.advanceTo(deadline);
    await facilitator.until(() => facilitator.view.phase === 'deliberation', 'deliberation after the timer');
    const ended = await facilitator.must({ type: 'end' });
    await facilitator.untilSeq(ended);

    const ours = lines().filter((l) => l.sessionId === exercise.sessionId);
    const messages = ours.map((l) => l.msg);
    for (const msg of [
      'exercise created',
      'player joined',
      'command rejected',
      'command accepted',
      'exercise started',
      'phase',
      'inject delivered',
      'exercise ended',
    ]) {
      expect(messages, msg).toContain(msg);
    }
    expect(ours.find((l) => l.msg === 'command rejected')).toMatchObject({
      level: 30,
      code: 'not-authorized',
      type: 'advance',
      actor: 'player',
    });
    const phases = ours.filter((l) => l.msg === 'phase').map((l) => [l.phase, l.cause]);
    expect(phases).toEqual(
      expect.arrayContaining([
        ['briefing', undefined],
        ['injects', 'facilitator'],
        ['deliberation', 'timer'],
      ]),
    );
    expect(ours.find((l) => l.msg === 'inject delivered')).toMatchObject({
      round: 1,
      cause: expect.any(String),
    });
    expect(ours.find((l) => l.msg === 'exercise ended')).toMatchObject({ outcome: 'ended-by-facilitator' });

    const text = written.join('');
    const secrets = [
      exercise.facilitatorToken,
      hashToken(exercise.facilitatorToken),
      joined.token,
      hashToken(joined.token),
      'Zelda Secretname',
      'A private word.',
    ];
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
