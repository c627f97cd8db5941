import type { Ack } from '../../../shared/protocol/ack';
import type { ClientCommand } from '../../../shared/protocol/events';
import type { SessionPhase } from '../../../shared/session/state';
import type { FacilitatorOptions } from '../../../shared/session/viewer-options';
import { useAck } from '../hooks/use-ack';
import { AckError } from './ack-error';

/**
 * The facilitator's clock and flow controls, enabled as the game master would take them now
 * (`facilitatorOptions` of shared/session). The server still refuses what the phase does not allow.
 */
export function PhaseControls({
  options,
  phase,
  paused,
  send,
}: {
  options: FacilitatorOptions;
  phase: SessionPhase;
  paused: boolean;
  send: (command: ClientCommand) => Promise<Ack>;
}) {
  const { busy, error, run } = useAck();
  return (
    <div>
      <div className="button-row">
        {phase === 'lobby' ? (
          <button
            type="button"
            disabled={busy || !options.start}
            onClick={() => run(() => send({ type: 'start' }))}
          >
            <span aria-hidden="true">▶</span> Start exercise
          </button>
        ) : (
          <button
            type="button"
            disabled={busy || !options.advance}
            onClick={() => run(() => send({ type: 'advance' }))}
          >
            <span aria-hidden="true">»</span> Advance to next phase
          </button>
        )}
        {paused ? (
          <button
            type="button"
            className="good"
            disabled={busy || !options.resume}
            onClick={() => run(() => send({ type: 'resume' }))}
          >
            <span aria-hidden="true">▶</span> Resume
          </button>
        ) : (
          <button
            type="button"
            className="secondary"
            disabled={busy || !options.pause}
            onClick={() => run(() => send({ type: 'pause' }))}
          >
            <span aria-hidden="true">‖</span> Pause
          </button>
        )}
        <button
          type="button"
          className="secondary"
          disabled={busy || !options.extend}
          onClick={() => run(() => send({ type: 'extend', seconds: 30 }))}
        >
          +30 s
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy || !options.end}
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
