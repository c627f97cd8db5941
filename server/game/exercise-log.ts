import type { Actor } from '../../shared/session/actor';
import type { SessionEvent } from '../../shared/session/events';
import type { SessionState } from '../../shared/session/state';
import type { Logger } from '../logger';
import type { SessionChange, SessionPart, SessionRuntime } from './session-runtime';

/**
 * The exercise's life as structured log lines, for the facilitator's operator to follow with any
 * JSON log tool: created (or loaded), started, each phase, each inject delivered, each accepted
 * change, ended. Rejected commands are logged where they are refused (the gateway). A part of the
 * runtime, so it hears every change, whoever caused it (a person, a computer player, a timer).
 *
 * Need to know applies to logs too: a line carries ids, kinds, phases and counts, never a token or
 * token hash, a name, a message body or an inject's text (event data is not copied wholesale).
 */
export class ExerciseLog implements SessionPart {
  readonly #runtime: SessionRuntime;
  readonly #logger: Logger;
  #phase: SessionState['phase'];
  #deliveries: number;
  #ended: boolean;

  constructor(runtime: SessionRuntime, logger: Logger) {
    this.#runtime = runtime;
    this.#logger = logger.child({ sessionId: runtime.sessionId });
    const { state } = runtime;
    this.#phase = state.phase;
    this.#deliveries = state.deliveries.length;
    this.#ended = isOver(state);
  }

  onCreate(): void {
    const { state, seq } = this.#runtime;
    this.#logger.info(
      {
        scenarioId: state.scenario.id,
        scenarioVersion: state.scenario.version,
        phase: state.phase,
        round: state.round,
        seq,
      },
      // A new exercise's runtime has only its `session-created` event (so has a restored lobby nobody touched).
      seq === 1 ? 'exercise created' : 'exercise loaded',
    );
  }

  onCommand(change: SessionChange): void {
    const { events, state, seq } = change;
    const first = events[0];
    if (first) {
      this.#logger.info(
        { seq, actor: actorFields(first.actor), events: events.map((e) => e.type) },
        'command accepted',
      );
    }
    for (const event of events) this.#event(event);
    if (state.phase !== this.#phase) {
      const cause = events.findLast((e) => e.type === 'phase-advanced');
      this.#logger.info(
        {
          phase: state.phase,
          from: this.#phase,
          round: state.round,
          day: state.sim.day,
          cause: cause?.type === 'phase-advanced' ? cause.cause : undefined,
          timerMs: state.timer.durationMs,
        },
        'phase',
      );
      this.#phase = state.phase;
    }
    for (const delivery of state.deliveries.slice(this.#deliveries)) {
      this.#logger.info(
        {
          injectId: delivery.injectId,
          cause: delivery.cause,
          audience: delivery.audience,
          round: delivery.round,
          phase: delivery.phase,
          day: delivery.day,
        },
        'inject delivered',
      );
    }
    this.#deliveries = state.deliveries.length;
    if (!this.#ended && isOver(state)) {
      this.#ended = true;
      this.#logger.info(
        {
          phase: state.phase,
          round: state.round,
          day: state.sim.day,
          outcome: state.outcome?.kind,
          score: state.score?.total,
        },
        'exercise ended',
      );
    }
  }

  #event(event: SessionEvent): void {
    switch (event.type) {
      case 'exercise-started':
        this.#logger.info(
          { players: this.#runtime.state.players.filter((p) => !p.removed).length },
          'exercise started',
        );
        break;
      case 'player-joined':
        this.#logger.info({ playerId: event.playerId, roleId: event.roleId }, 'player joined');
        break;
      case 'player-removed':
        this.#logger.info({ playerId: event.playerId }, 'player removed');
        break;
      case 'credential-issued':
        this.#logger.info({ credentialId: event.credentialId, kind: event.kind }, 'credential issued');
        break;
      default:
        break;
    }
  }
}

function isOver(state: SessionState): boolean {
  return state.phase === 'debrief' || state.phase === 'ended';
}

/** Who acted, by kind and id: never a token. */
function actorFields(actor: Actor): Record<string, string> {
  switch (actor.kind) {
    case 'player':
      return { kind: actor.kind, playerId: actor.playerId };
    case 'computer':
      return { kind: actor.kind, roleId: actor.roleId };
    case 'evaluator':
      return { kind: actor.kind, evaluatorId: actor.evaluatorId };
    default:
      return { kind: actor.kind };
  }
}
