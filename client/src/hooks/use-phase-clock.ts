import type { PhaseTimer } from '../../../shared/session/state';
import { useCountdown } from './use-countdown';

/** Seconds left in the current phase: counting down while running, frozen while paused, undefined when untimed. */
export function usePhaseClock(
  timer: PhaseTimer | undefined,
  paused: boolean,
  clockOffsetMs: number,
): number | undefined {
  const running = useCountdown(timer?.deadline ?? undefined, clockOffsetMs);
  if (!timer) return undefined;
  if (paused || timer.deadline === null)
    return timer.remainingMs === null ? undefined : timer.remainingMs / 1000;
  return running;
}
