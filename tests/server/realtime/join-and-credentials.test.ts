import { describe, expect, it } from 'vitest';
import { hashToken } from '../../../server/sessions/tokens';
import { createExercise } from '../../helpers/socket-client';
import { NO_COMPUTER_PLAYERS, serverForSuite, UNLIMITED_RATE } from './table';

const SCENARIO = 'socialwave-first-30-days';
const GUARD = { freeFailures: 3, delayStepMs: 60, maxDelayMs: 180, refuseAfter: 8, windowMs: 60_000 };

describe('joining with a code, and the credentials the facilitator hands out', () => {
  const server = serverForSuite({ ...NO_COMPUTER_PLAYERS, ...UNLIMITED_RATE, joinGuard: GUARD });
  const { connect } = server;

  it('gives each exercise a distinct six-character code without look-alike characters', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 8; i++) codes.add((await createExercise(server.url, SCENARIO)).joinCode);
    expect(codes.size).toBe(8);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  });

  it('lets a player join with the code as typed (any case, with a dash), and hands back a player token', async () => {
    const exercise = await createExercise(server.url, SCENARIO);
    const player = await connect();
    const typed = `${exercise.joinCode.slice(0, 3)}-${exercise.joinCode.slice(3)}`.toLowerCase();
    const joined = await player.join(typed, 'Priya', 'product-lead');
    expect(joined).toMatchObject({
      ok: true,
      sessionId: exercise.sessionId,
      identity: { kind: 'player', name: 'Priya' },
    });
    if (!joined.ok) return;
    expect(joined.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(player.view.kind === 'player' && player.view.me.roleId).toBe('product-lead');
    // A full role is refused with its reason; nothing else is harmed.
    const second = await connect();
    expect((await second.join(exercise.joinCode, 'Pat', 'no-such-role')).ok).toBe(false);
  });

  it('issues screen, observer, evaluator and co-facilitator credentials, each seeing its own view', async () => {
    const exercise = await createExercise(server.url, SCENARIO);
    const facilitator = await connect();
    await facilitator.authenticate(exercise.sessionId, exercise.facilitatorToken);
    const expectations = {
      screen: 'screen',
      observer: 'observer',
      evaluator: 'evaluator',
      facilitator: 'facilitator',
    } as const;
    for (const kind of Object.keys(expectations) as (keyof typeof expectations)[]) {
      const issued = await facilitator.emit('issue-credential', { kind, name: `A ${kind}` });
      expect(issued.ok).toBe(true);
      if (!issued.ok) continue;
      expect(issued.credentialId).toMatch(/^cred-\d+$/);
      const client = await connect();
      const auth = await client.authenticate(exercise.sessionId, issued.token);
      expect(auth).toMatchObject({ ok: true, identity: { kind, name: `A ${kind}` } });
      expect(client.view.kind).toBe(expectations[kind]);
      expect(client.scenarios[0]?.kind).toBe(kind === 'facilitator' ? 'full' : 'public');
      if (kind === 'evaluator' && auth.ok) {
        expect(auth.identity).toMatchObject({ evaluatorId: issued.credentialId });
        const seq = await client.must({
          type: 'observe',
          target: { kind: 'dimension', id: 'crisis-leadership' },
          rating: 4,
          note: 'Calm under the clock.',
        });
        await client.untilSeq(seq);
        expect(client.view.kind === 'evaluator' && client.view.observations.map((o) => o.note)).toEqual([
          'Calm under the clock.',
        ]);
      }
    }
    await facilitator.until(() => {
      const presence = facilitator.presence.at(-1);
      return (
        presence?.screens === 1 &&
        presence.observers === 1 &&
        presence.evaluators.length === 1 &&
        presence.facilitators === 2
      );
    }, 'presence of every kind of viewer');
    // The co-facilitator's token lists the exercise too.
    const listed = await fetch(`${server.url}/api/sessions`, {
      headers: { authorization: `Bearer ${exercise.facilitatorToken}` },
    });
    expect(((await listed.json()) as { sessions: unknown[] }).sessions).toHaveLength(1);
  });

  it('signs a connection out at once when its token is revoked or its player removed', async () => {
    const exercise = await createExercise(server.url, SCENARIO);
    const facilitator = await connect();
    await facilitator.authenticate(exercise.sessionId, exercise.facilitatorToken);
    const issued = await facilitator.emit('issue-credential', { kind: 'observer', name: 'Visitor' });
    if (!issued.ok) throw new Error(issued.code);
    const observer = await connect();
    await observer.authenticate(exercise.sessionId, issued.token);
    const player = await connect();
    const joined = await player.join(exercise.joinCode, 'Leaving soon', 'cfo');
    if (!joined.ok) throw new Error(joined.code);

    await facilitator.must({ type: 'revoke-token', tokenHash: hashToken(issued.token) });
    await observer.until(() => observer.signedOut.length === 1 && !observer.socket.connected, 'sign-out');
    expect(observer.signedOut[0]).toMatchObject({ code: 'invalid-token' });

    const playerId = (joined.identity as { playerId: string }).playerId;
    await facilitator.must({ type: 'remove-player', playerId });
    await player.until(() => player.signedOut.length === 1 && !player.socket.connected, 'sign-out');

    for (const token of [issued.token, joined.token]) {
      const retry = await connect();
      expect(await retry.authenticate(exercise.sessionId, token)).toMatchObject({
        ok: false,
        code: 'invalid-token',
      });
    }
    await facilitator.until(
      () => facilitator.presence.at(-1)?.observers === 0,
      'presence without the observer',
    );
    // The last facilitator credential cannot be revoked (the exercise would lose its facilitator).
    const last = await facilitator.command({
      type: 'revoke-token',
      tokenHash: hashToken(exercise.facilitatorToken),
    });
    expect(last).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('frees a join code once its exercise has ended', async () => {
    const exercise = await createExercise(server.url, SCENARIO);
    const facilitator = await connect();
    await facilitator.authenticate(exercise.sessionId, exercise.facilitatorToken);
    await facilitator.must({ type: 'end' });
    expect(facilitator.view.phase).toBe('ended');
    const late = await connect();
    expect(await late.join(exercise.joinCode, 'Late')).toMatchObject({
      ok: false,
      code: 'unknown-join-code',
    });
  });
});

describe('wrong join codes from one address', () => {
  // A server of its own: the test leaves the loopback address blocked for joins.
  const server = serverForSuite({ ...NO_COMPUTER_PLAYERS, ...UNLIMITED_RATE, joinGuard: GUARD });
  const { connect } = server;

  it('slows and then refuses an address that keeps guessing codes, even when it finally guesses right', async () => {
    const exercise = await createExercise(server.url, SCENARIO);
    const guesser = await connect();
    const elapsed: number[] = [];
    for (let i = 0; i < GUARD.refuseAfter; i++) {
      const started = performance.now();
      const ack = await guesser.join('ZZZZZZ', 'Guess');
      elapsed.push(performance.now() - started);
      expect(ack).toMatchObject({ ok: false, code: 'unknown-join-code' });
    }
    // The first mistakes are free; then each attempt waits at least 60, 120, 180, 180, 180 ms.
    const waits = [60, 120, 180, 180, 180];
    for (const [i, wait] of waits.entries())
      expect(elapsed[GUARD.freeFailures + i]).toBeGreaterThanOrEqual(wait - 5);
    const refused = await guesser.join(exercise.joinCode, 'Finally');
    expect(refused).toMatchObject({ ok: false, code: 'too-many-attempts' });
    // The REST preview of a code is guarded by the same counter.
    const preview = await fetch(`${server.url}/api/join/${exercise.joinCode}`);
    expect(preview.status).toBe(429);
    expect(Number(preview.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await preview.json()).toMatchObject({ ok: false, code: 'too-many-attempts' });
  });
});
