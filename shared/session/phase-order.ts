import { PHASES, type Phase } from '../scenario/schema';

/**
 * The session's phases in order, written once: the lobby, the briefing, the round's phases (the
 * scenario vocabulary `PHASES`, shared/scenario/schema.ts, which the game master machine's round
 * is generated from), the debrief and the end.
 */
export const SESSION_PHASES = ['lobby', 'briefing', ...PHASES, 'debrief', 'ended'] as const;
export type SessionPhase = (typeof SESSION_PHASES)[number];

export function isRoundPhase(phase: SessionPhase): phase is Phase {
  return (PHASES as readonly string[]).includes(phase);
}

/** Negative when `a` comes before `b` in a session, 0 when they are the same phase. */
export function comparePhases(a: SessionPhase, b: SessionPhase): number {
  return SESSION_PHASES.indexOf(a) - SESSION_PHASES.indexOf(b);
}
