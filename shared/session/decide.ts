import type { Actor } from './actor';
import type { Command } from './commands';
import { decideFacilitator } from './decide-facilitator';
import { decideTable } from './decide-table';
import type { Decision } from './decision';
import { rejection } from './errors';
import { hasEnded } from './machine';
import type { SessionState } from './state';

export type { Decision } from './decision';

/**
 * The session's one question: would this command be accepted now, and if so which events record
 * it? Pure: the same state, actor, command and time always give the same answer, and a refusal
 * changes nothing (the runtime asks before it logs anything). `at` is the time the runtime stamped.
 * Which phase allows what is the game master machine's answer (./machine.ts, `phaseRefusal`);
 * `decide` keeps the rules that are not about phases: authority, budget, approvals and votes.
 */
export function decide(state: SessionState, actor: Actor, command: Command, at: number): Decision {
  if (hasEnded(state)) return rejection('ended', 'the exercise has ended');
  switch (command.type) {
    case 'start':
    case 'advance':
    case 'extend':
    case 'pause':
    case 'resume':
    case 'fire-inject':
    case 'skip-inject':
    case 'reschedule-inject':
    case 'override-decision':
    case 'assign-role':
    case 'remove-player':
    case 'broadcast':
    case 'end':
    case 'issue-credential':
    case 'revoke-token':
      if (actor.kind !== 'facilitator')
        return rejection('not-authorized', `only the facilitator may ${command.type}`);
      return decideFacilitator(state, command, at);
    case 'timer-expired':
      if (actor.kind !== 'system')
        return rejection('not-authorized', 'only the scheduler reports timer expiry');
      return decideTimerExpired(state, command.deadline, at);
    default:
      return decideTable(state, actor, command, at);
  }
}

/** The scheduler's report that the phase deadline passed; one that no longer matches the timer is stale. */
function decideTimerExpired(state: SessionState, deadline: number, at: number): Decision {
  if (state.paused) return rejection('stale-timer', 'the exercise is paused: the timer is frozen');
  if (state.timer.deadline !== deadline) {
    return rejection(
      'stale-timer',
      `the phase deadline is ${state.timer.deadline ?? 'unset'}, not ${deadline}`,
    );
  }
  if (at < deadline) return rejection('stale-timer', `the deadline is ${deadline - at} ms away`);
  return { ok: true, events: [{ type: 'phase-advanced', cause: 'timer', at, actor: { kind: 'system' } }] };
}
