import { io, type Socket } from 'socket.io-client';
import type { Ack, AckError } from '../../../shared/protocol/ack';
import type { AckExtras, JoinPayload } from '../../../shared/protocol/events';
import { saveIdentity } from './identity';

/** A join the facilitator approves: the token authenticates once admitted (`awaiting-approval` until then). */
export interface PendingJoin {
  sessionId: string;
  token: string;
  name: string;
  joinCode: string;
}

/** How often a waiting player asks whether the facilitator let them in. */
const ADMISSION_POLL_MS = 2_000;

function openSocket(): Socket {
  return io({ transports: ['websocket', 'polling'], reconnection: false, timeout: 8000 });
}

function ask<T extends object>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return new Promise<Ack<T>>((resolve) => {
    socket.once('connect_error', () =>
      resolve({ ok: false, code: 'network-error', message: 'The server could not be reached.' }),
    );
    socket
      .timeout(10_000)
      .emitWithAck(event, payload)
      .then(
        (answer: Ack<T>) => resolve(answer),
        () => resolve({ ok: false, code: 'timeout', message: 'The server did not answer; try again.' }),
      );
  });
}

/**
 * Joins an exercise as a player with the code from the projector: the server answers with a
 * token (shown once), which is stored for the session so that the player route, and any reload,
 * authenticates as this player. The joining socket is closed; the player route opens its own.
 * When the facilitator approves joins, the answer is `pending`: nothing is stored until
 * `waitForAdmission` sees the token authenticate.
 */
export async function joinExercise(
  payload: JoinPayload,
): Promise<{ ok: true; sessionId: string; pending?: PendingJoin } | AckError> {
  const socket = openSocket();
  try {
    const ack = await ask<AckExtras['join']>(socket, 'join', payload);
    if (!ack.ok) return ack;
    if (ack.pending) {
      return {
        ok: true,
        sessionId: ack.sessionId,
        pending: {
          sessionId: ack.sessionId,
          token: ack.token,
          name: ack.identity.name,
          joinCode: payload.joinCode,
        },
      };
    }
    saveIdentity(ack.sessionId, 'player', {
      token: ack.token,
      name: ack.identity.name,
      joinCode: payload.joinCode,
    });
    return { ok: true, sessionId: ack.sessionId };
  } finally {
    socket.disconnect();
  }
}

/**
 * Waits for the facilitator to admit a pending join: authenticates with its token every couple of
 * seconds while the server answers `awaiting-approval` (network trouble is retried too). Admitted:
 * the identity is stored as for a direct join and the answer is ok. Refused (the token is then
 * unknown) or abandoned (`signal`): an error, and nothing stored.
 */
export async function waitForAdmission(
  pending: PendingJoin,
  signal: AbortSignal,
): Promise<{ ok: true } | AckError> {
  while (!signal.aborted) {
    const socket = openSocket();
    let ack: Ack<AckExtras['authenticate']>;
    try {
      ack = await ask(socket, 'authenticate', { sessionId: pending.sessionId, token: pending.token });
    } finally {
      socket.disconnect();
    }
    if (ack.ok) {
      saveIdentity(pending.sessionId, 'player', {
        token: pending.token,
        name: pending.name,
        joinCode: pending.joinCode,
      });
      return { ok: true };
    }
    const retry = ['awaiting-approval', 'network-error', 'timeout', 'rate-limited'].includes(ack.code);
    if (!retry) return ack;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ADMISSION_POLL_MS);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
  return { ok: false, code: 'cancelled', message: 'Stopped waiting.' };
}
