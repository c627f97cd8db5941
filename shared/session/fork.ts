import { z } from 'zod';
import { METRIC_NAMES, type MetricName } from '../sim/metrics';
import { type Actor, FACILITATOR } from './actor';
import { computerRoles, findAction, mayPropose, playersInRole } from './authority';
import type { Command } from './commands';
import { decide } from './decide';
import type { Rejection } from './errors';
import type { SessionCreated, SessionEvent } from './events';
import { fromLogEntry, type LogEntry } from './log';
import { applyEvents, canTake, type MachineEventType, startSession } from './machine';
import type { SessionState } from './state';

/**
 * Fork-and-compare (issue 17): "what if we had decided differently?". A fork replays the
 * exercise's log up to the end of one round's decision phase, changes that round's decisions
 * through the game's own rules (a facilitator override, or a proposal made by a role that may make
 * it), then re-runs the rest of the log against the forked state: each later command is decided
 * again by `decide`, in the order it was logged and at the time it was logged, and applied through
 * the game master machine. The seed is the log's, the injects are the scenario's (scheduled ones
 * arrive on their round, conditional ones are tested on the forked metrics by the resolution
 * itself), so the difference between the two futures is the decision alone.
 *
 * Pure and deterministic: the same log and alternative always give the same fork; the log is
 * read, never changed. It needs the whole log (the seed, every role's injects), so only the
 * facilitator runs it (the client fetches the log from the facilitator-only export).
 */

const ref = z.string().min(1).max(64);

/** The one decision a fork changes, in the round it names. */
export const forkAlternativeSchema = z.discriminatedUnion('kind', [
  /** An approved (applied) proposal of the round is rejected instead. */
  z.object({ kind: z.literal('drop'), proposalId: ref }).strict(),
  /** A rejected or vetoed proposal of the round is approved instead. */
  z.object({ kind: z.literal('apply'), proposalId: ref }).strict(),
  /** An action from the catalog, with its parameters, proposed by a role that may propose it, and approved. */
  z
    .object({
      kind: z.literal('add'),
      actionId: ref,
      params: z.record(ref, z.number().finite()).default({}),
      roleId: ref.optional(),
    })
    .strict(),
]);
export type ForkAlternative = z.infer<typeof forkAlternativeSchema>;
export type ForkAlternativeInput = z.input<typeof forkAlternativeSchema>;

/** A fork as the facilitator keeps it: a name, the round and the alternative. Never the result: it is recomputed. */
export const forkSpecSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    round: z.number().int().min(1).max(50),
    alternative: forkAlternativeSchema,
  })
  .strict();
export type ForkSpec = z.infer<typeof forkSpecSchema>;

/** A command of the original log the fork could not take any more, and why. */
export interface RefusedCommand {
  /** Position of the event in the original log (1-based, as the store's seq). */
  seq: number;
  round: number;
  eventType: SessionEvent['type'];
  /** What it was, in words ("approve proposal-7", "propose sharding"). */
  what: string;
  code: Rejection['code'];
  message: string;
}

export interface ForkRun {
  spec: { round: number; alternative: ForkAlternative };
  /** The exercise as it went (the log replayed). */
  original: SessionState;
  /** The exercise as it would have gone. */
  fork: SessionState;
  /** The seq of the last original event both futures share. */
  sharedUntilSeq: number;
  /** Original commands the forked exercise refused, in log order. */
  refused: RefusedCommand[];
  /**
   * Rounds the fork played past the end of the log: when the original ended early (an end state)
   * and the fork did not, the fork plays on with no further decisions until its own end.
   */
  playedOnRounds: number;
}

export type ForkResult = { ok: true; run: ForkRun } | Rejection;

const refuse = (code: Rejection['code'], message: string): Rejection => ({ ok: false, code, message });

/**
 * Runs one fork. Refused (as a value) when the round was never decided in the log or the
 * alternative does not fit it: no such proposal in that round, a drop of a proposal that was not
 * applied, an apply of one that was, or an action the role may not propose.
 */
export function runFork(
  log: readonly (SessionEvent | LogEntry)[],
  spec: { round: number; alternative: ForkAlternativeInput },
): ForkResult {
  const parsed = forkAlternativeSchema.safeParse(spec.alternative);
  if (!parsed.success) return refuse('invalid-payload', parsed.error.issues.map((i) => i.message).join('; '));
  const alternative = parsed.data;
  const events = log.map((e) => ('seq' in e ? fromLogEntry(e) : e));
  const [first, ...rest] = events;
  if (first?.type !== 'session-created')
    return refuse('invalid-payload', 'a session log starts with session-created');

  // The shared past: every event up to the one that closes the round's decision phase.
  let state = startSession(first as SessionCreated);
  let cut = -1;
  for (const [i, event] of rest.entries()) {
    if (event.type === 'phase-advanced' && state.phase === 'decision' && state.round === spec.round) {
      cut = i;
      break;
    }
    state = applyEvents(state, [event]);
  }
  if (cut < 0) return refuse('not-found', `round ${spec.round} was never decided in this exercise`);
  const original = applyEvents(state, rest.slice(cut));
  const at = rest[cut]?.at ?? state.phaseStartedAt;

  const changed = applyAlternative(state, alternative, spec.round, original, at);
  if (!changed.ok) return changed;
  state = changed.state;

  // The rest of the log, decided again against the forked state.
  const ids = new Map<string, string>();
  const refused: RefusedCommand[] = [];
  for (const [i, event] of rest.slice(cut).entries()) {
    // The fork reached its end first (an end state): the rest of the log never happens in it.
    if (state.phase === 'debrief' || state.phase === 'ended') break;
    const seq = cut + i + 2;
    const command = commandOf(event, ids);
    if (command === null) {
      // Flow and bookkeeping events (phase changes, pauses, messages, joins): they do not depend on
      // the decisions, so they apply as logged wherever the game master still takes them.
      if (canTake(state, event.type as MachineEventType)) state = applyEvents(state, [event]);
      continue;
    }
    const decision = decide(state, event.actor, command, event.at);
    if (!decision.ok) {
      // Later decisions on a proposal the fork never made name nothing in the fork (ids move on).
      if (event.type === 'proposal-submitted') ids.set(event.proposalId, `not-made:${event.proposalId}`);
      refused.push({
        seq,
        round: state.round,
        eventType: event.type,
        what: describe(command),
        code: decision.code,
        message: decision.message,
      });
      continue;
    }
    for (const made of decision.events) {
      if (made.type === 'proposal-submitted' && event.type === 'proposal-submitted') {
        ids.set(event.proposalId, made.proposalId);
      }
    }
    state = applyEvents(state, decision.events);
  }

  // The original ended early and the fork did not: it plays on, with nobody deciding, to its own end.
  let playedOnRounds = 0;
  const lastAt = events[events.length - 1]?.at ?? at;
  const reachedEnd = original.phase === 'debrief' || original.phase === 'ended';
  for (let guard = 0; reachedEnd && guard < 12 * (state.scenario.rounds.count + 2); guard++) {
    if (state.phase === 'debrief' || state.phase === 'ended') break;
    const before = state.round;
    const advance = decide(state, FACILITATOR, { type: 'advance' }, lastAt);
    if (!advance.ok) break;
    state = applyEvents(state, advance.events);
    if (state.round > before) playedOnRounds++;
  }

  return {
    ok: true,
    run: {
      spec: { round: spec.round, alternative },
      original,
      fork: state,
      sharedUntilSeq: cut + 1,
      refused,
      playedOnRounds,
    },
  };
}

type Changed = { ok: true; state: SessionState } | Rejection;

function applyAlternative(
  state: SessionState,
  alternative: ForkAlternative,
  round: number,
  original: SessionState,
  at: number,
): Changed {
  const apply = (command: Command, actor: Actor = FACILITATOR): Changed => {
    const decision = decide(state, actor, command, at);
    return decision.ok ? { ok: true, state: applyEvents(state, decision.events) } : decision;
  };
  if (alternative.kind === 'add') {
    const action = findAction(state.scenario, alternative.actionId);
    if (!action) return refuse('not-found', `no action ${alternative.actionId}`);
    const actor = proposerFor(state, action, alternative.roleId);
    if (!actor) {
      return refuse(
        'outside-authority',
        alternative.roleId
          ? `${alternative.roleId} is not at the table or may not propose "${action.title}"`
          : `nobody at the table may propose "${action.title}"`,
      );
    }
    const rationale = `Fork: "${action.title}" added in round ${round}`;
    const proposed = apply(
      { type: 'propose', actionId: action.id, params: alternative.params, rationale },
      actor,
    );
    if (!proposed.ok) return proposed;
    const proposal = proposed.state.proposals[proposed.state.proposals.length - 1];
    if (!proposal) return refuse('internal-error', 'the proposal was not recorded');
    state = proposed.state;
    return apply({
      type: 'override-decision',
      proposalId: proposal.id,
      decision: 'approve',
      reason: rationale,
    });
  }

  const proposal = state.proposals.find((p) => p.id === alternative.proposalId && p.round === round);
  if (!proposal) return refuse('not-found', `no proposal ${alternative.proposalId} in round ${round}`);
  const applied = original.proposals.find((p) => p.id === proposal.id)?.resolution?.applied ?? false;
  if (alternative.kind === 'drop' && !applied)
    return refuse('conflict', `proposal ${proposal.id} was not applied: there is nothing to drop`);
  if (alternative.kind === 'apply' && applied)
    return refuse('conflict', `proposal ${proposal.id} was already applied`);
  return apply({
    type: 'override-decision',
    proposalId: proposal.id,
    decision: alternative.kind === 'drop' ? 'reject' : 'approve',
    reason: `Fork: ${alternative.kind === 'drop' ? 'not applied' : 'applied'} in round ${round}`,
  });
}

/** Someone at the table who may propose the action: a person in the role, or the role's computer player. */
function proposerFor(
  state: SessionState,
  action: Parameters<typeof mayPropose>[2],
  roleId: string | undefined,
): Actor | undefined {
  const computers = computerRoles(state);
  const roles = state.scenario.roles
    .filter((r) => (roleId === undefined || r.id === roleId) && mayPropose(state.scenario, r.id, action))
    .map((r) => r.id);
  for (const id of roles) {
    const person = playersInRole(state, id)[0];
    if (person) return { kind: 'player', playerId: person.id };
    if (computers.includes(id)) return { kind: 'computer', roleId: id };
  }
  return undefined;
}

/**
 * The command a decision event recorded, to be decided again in the fork (proposal ids mapped to
 * the fork's own); null for events that do not depend on decisions.
 */
function commandOf(event: SessionEvent, ids: ReadonlyMap<string, string>): Command | null {
  const id = (proposalId: string) => ids.get(proposalId) ?? proposalId;
  switch (event.type) {
    case 'proposal-submitted':
      return { type: 'propose', actionId: event.actionId, params: event.params, rationale: event.rationale };
    case 'proposal-withdrawn':
      return { type: 'withdraw', proposalId: id(event.proposalId) };
    case 'proposal-reviewed':
      return {
        type: event.stance,
        proposalId: id(event.proposalId),
        rationale: event.rationale,
        confidence: event.confidence,
      };
    case 'proposal-vetoed':
      return { type: 'veto', proposalId: id(event.proposalId), rationale: event.rationale };
    case 'vote-cast':
      return {
        type: 'vote',
        proposalId: id(event.proposalId),
        vote: event.vote,
        rationale: event.rationale,
        confidence: event.confidence,
      };
    case 'decision-overridden':
      return {
        type: 'override-decision',
        proposalId: id(event.proposalId),
        decision: event.decision,
        reason: event.reason,
      };
    case 'inject-fired':
      return { type: 'fire-inject', injectId: event.injectId };
    case 'inject-skipped':
      return { type: 'skip-inject', injectId: event.injectId };
    case 'inject-rescheduled':
      return { type: 'reschedule-inject', injectId: event.injectId, trigger: event.trigger };
    default:
      return null;
  }
}

function describe(command: Command): string {
  switch (command.type) {
    case 'propose':
      return `propose ${command.actionId}`;
    case 'fire-inject':
    case 'skip-inject':
    case 'reschedule-inject':
      return `${command.type} ${command.injectId}`;
    default:
      return 'proposalId' in command ? `${command.type} ${command.proposalId}` : command.type;
  }
}

/** Metrics closer than this (relative) are the same: the simulation is deterministic, this only absorbs float noise. */
const SAME = 1e-9;

export interface FirstDifference {
  day: number;
  /** The round whose resolution simulated that day. */
  round: number;
  /** Metrics that differ on that day, the largest relative change first. */
  metrics: { metric: MetricName; original: number; fork: number }[];
}

/** The first simulated day on which the two futures differ, or null when they never do. */
export function firstDifference(original: SessionState, fork: SessionState): FirstDifference | null {
  const a = original.sim.history;
  const b = fork.sim.history;
  const days = Math.max(a.length, b.length);
  for (let i = 0; i < days; i++) {
    const left = a[i];
    const right = b[i];
    if (!left || !right) {
      const day = (left ?? right)?.day ?? i;
      return { day, round: roundOfDay(original, fork, day), metrics: [] };
    }
    const metrics = METRIC_NAMES.flatMap((metric) => {
      const x = left.metrics[metric];
      const y = right.metrics[metric];
      const scale = Math.max(Math.abs(x), Math.abs(y), 1e-12);
      const relative = Math.abs(x - y) / scale;
      return relative > SAME || Number.isNaN(x) !== Number.isNaN(y)
        ? [{ metric, original: x, fork: y, relative }]
        : [];
    });
    if (metrics.length > 0) {
      metrics.sort((m, n) => n.relative - m.relative);
      return {
        day: left.day,
        round: roundOfDay(original, fork, left.day),
        metrics: metrics.map(({ metric, original: o, fork: f }) => ({ metric, original: o, fork: f })),
      };
    }
  }
  return null;
}

function roundOfDay(original: SessionState, fork: SessionState, day: number): number {
  const rounds = [...original.rounds, ...fork.rounds];
  return rounds.find((r) => day > r.fromDay && day <= r.toDay)?.round ?? 0;
}
