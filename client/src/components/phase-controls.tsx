import type { Ack } from '../../../shared/protocol/ack';
import type { ClientCommand } from '../../../shared/protocol/events';
import type { SessionPhase } from '../../../shared/session/state';
import { useAck } from '../hooks/use-ack';
import { AckError } from './ack-error';

/** The facilitator's clock and flow controls. The server refuses what the phase does not allow. */
export function PhaseControls({
  phase,
  paused,
  send,
}: {
  phase: SessionPhase;
  paused: boolean;
  send: (command: ClientCommand) => Promise<Ack>;
}) {
  const { busy, error, run } = useAck();
  const over = phase === 'debrief' || phase === 'ended';
  return (
    <div>
      <div className="button-row">
        {phase === 'lobby' ? (
          <button type="button" disabled={busy} onClick={() => run(() => send({ type: 'start' }))}>
            <span aria-hidden="true">▶</span> Start exercise
          </button>
        ) : (
          <button type="button" disabled={busy || over} onClick={() => run(() => send({ type: 'advance' }))}>
            <span aria-hidden="true">»</span> Advance to next phase
          </button>
        )}
        {paused ? (
          <button
            type="button"
            className="good"
            disabled={busy}
            onClick={() => run(() => send({ type: 'resume' }))}
          >
            <span aria-hidden="true">▶</span> Resume
          </button>
        ) : (
          <button
            type="button"
            className="secondary"
            disabled={busy || phase === 'lobby' || over}
            onClick={() => run(() => send({ type: 'pause' }))}
          >
            <span aria-hidden="true">‖</span> Pause
          </button>
        )}
        <button
          type="button"
          className="secondary"
          disabled={busy || phase === 'lobby' || over}
          onClick={() => run(() => send({ type: 'extend', seconds: 30 }))}
        >
          +30 s
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy || phase === 'ended'}
          onClick={() => {
            if (window.confirm('End the exercise for everyone?')) void run(() => send({ type: 'end' }));
          }}
        >
          <span aria-hidden="true">■</span> End exercise
        </button>
      </div>
      <AckError message={error} />
    </div>
  );
}
