import { io } from 'socket.io-client';
import type { Ack, AckError } from '../../../shared/protocol/ack';
import type { AckExtras, JoinPayload } from '../../../shared/protocol/events';
import { saveIdentity } from './identity';

/**
 * Joins an exercise as a player with the code from the projector: the server answers with a
 * token (shown once), which is stored for the session so that the player route, and any reload,
 * authenticates as this player. The joining socket is closed; the player route opens its own.
 */
export async function joinExercise(
  payload: JoinPayload,
): Promise<{ ok: true; sessionId: string } | AckError> {
  const socket = io({ transports: ['websocket', 'polling'], reconnection: false, timeout: 8000 });
  try {
    const ack = await new Promise<Ack<AckExtras['join']>>((resolve) => {
      socket.on('connect_error', () =>
        resolve({ ok: false, code: 'network-error', message: 'The server could not be reached.' }),
      );
      socket
        .timeout(10_000)
        .emitWithAck('join', payload)
        .then(
          (answer: Ack<AckExtras['join']>) => resolve(answer),
          () => resolve({ ok: false, code: 'timeout', message: 'The server did not answer; try again.' }),
        );
    });
    if (!ack.ok) return ack;
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
