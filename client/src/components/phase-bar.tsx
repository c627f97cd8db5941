import { formatClock } from '../lib/format';
import { At } from '../lib/scenario-model';

export interface PhaseBarProps {
  /** "Deliberation", "Lobby", ... */
  phase: string;
  round?: number | undefined;
  roundCount?: number | undefined;
  day?: number | undefined;
  secondsLeft?: number | undefined;
  paused?: boolean | undefined;
}

/** Where the exercise stands: phase, round, simulated day and the countdown, in words and numbers. */
export function PhaseBar({ phase, round, roundCount, day, secondsLeft, paused }: PhaseBarProps) {
  return (
    <div className="phase-bar">
      <span>
        Phase: <span className="phase-name">{phase}</span>
      </span>
      {round !== undefined && round > 0 && (
        <span>
          Round {round}
          {roundCount ? ` of ${roundCount}` : ''}
        </span>
      )}
      {day !== undefined && <span>{At(day)}</span>}
      {paused ? (
        <span className="countdown">
          <span aria-hidden="true">‖</span> Paused
        </span>
      ) : (
        secondsLeft !== undefined && (
          <span
            className={`countdown${secondsLeft <= 15 ? ' countdown-low' : ''}`}
            role="timer"
            aria-label={`${Math.ceil(secondsLeft)} seconds left in this phase`}
          >
            <span aria-hidden="true">◷</span> {formatClock(secondsLeft)}
          </span>
        )
      )}
    </div>
  );
}
