import type { Ack } from '../../../shared/protocol/ack';
import type { ClientCommand } from '../../../shared/protocol/events';
import type { SessionPhase } from '../../../shared/session/state';
import type { FacilitatorOptions } from '../../../shared/session/viewer-options';
import { useAck } from '../hooks/use-ack';
import { AckError } from './ack-error';
import { ConfirmButton } from './confirm-button';

/**
 * The facilitator's clock and flow controls, enabled as the game master would take them now
 * (`facilitatorOptions` of shared/session). The server still refuses what the phase does not allow.
 * Starting with nobody seated asks first: computer players then hold every role, and the exercise
 * runs on its phase timers (computer players alone never close a phase early).
 */
export function PhaseControls({
  options,
  phase,
  paused,
  players,
  send,
}: {
  options: FacilitatorOptions;
  phase: SessionPhase;
  paused: boolean;
  /** People seated at the table (not removed). */
  players: number;
  send: (command: ClientCommand) => Promise<Ack>;
}) {
  const { busy, error, run } = useAck();
  return (
    <div className="phase-controls">
      <div className="button-row">
        {phase === 'lobby' ? (
          <ConfirmButton
            ask={players === 0}
            question="Nobody has joined yet. Computer players will hold every role and each phase will run until its timer ends; you can pause or end it at any time."
            confirm="Rehearse with computer players"
            disabled={busy || !options.start}
            onConfirm={() => void run(() => send({ type: 'start' }))}
          >
            <span aria-hidden="true">▶</span> Start exercise
          </ConfirmButton>
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
