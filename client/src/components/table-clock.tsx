import type { PhaseTimer } from '../../../shared/session/state';
import { usePhaseClock } from '../hooks/use-phase-clock';
import { formatClock } from '../lib/format';

/** One table's phase clock in a cohort page: counting down, "Paused", or nothing when untimed. */
export function TableClock({
  timer,
  paused,
  clockOffsetMs,
}: {
  timer: PhaseTimer;
  paused: boolean;
  clockOffsetMs: number;
}) {
  const seconds = usePhaseClock(timer, paused, clockOffsetMs);
  if (paused)
    return (
      <span className="table-clock is-paused">
        <span aria-hidden="true">‖</span> Paused
      </span>
    );
  if (seconds === undefined) return null;
  return <span className="table-clock">{formatClock(seconds)}</span>;
}
