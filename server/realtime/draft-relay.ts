import type { Socket } from 'socket.io';
import * as Y from 'yjs';
import { type Ack, ackError } from '../../shared/protocol/ack';
import type { AckExtras, DraftPayload } from '../../shared/protocol/events';
import type { Actor } from '../../shared/session/actor';
import type { SessionState } from '../../shared/session/state';

/** Largest section a role may draft (encoded Yjs state). The submitted text has its own limit. */
const MAX_SECTION_BYTES = 64 * 1024;

/**
 * Live co-editing of checkpoint deliverables (issue 21): one Yjs document per session, checkpoint
 * and role section, held in memory, relayed over the session's socket. Yjs merges concurrent
 * edits, so two players typing at once both keep their text. Drafts are work in progress and are
 * not logged (a restart loses unsubmitted drafts); what the table submits is a logged command.
 * Who may do what: anyone at the table (players, facilitator, evaluators) may follow the drafts,
 * a player edits only their own role's section.
 */
export class DraftRelay {
  private readonly docs = new Map<string, Y.Doc>();

  handle(socket: Socket, state: SessionState, actor: Actor, payload: DraftPayload): Ack<AckExtras['draft']> {
    const { checkpointId } = payload;
    if (!state.scenario.checkpoints.some((c) => c.id === checkpointId && c.deliverable !== undefined)) {
      return ackError('not-found', `no deliverable at checkpoint ${checkpointId}`);
    }
    if (!['player', 'facilitator', 'evaluator'].includes(actor.kind)) {
      return ackError('not-authorized', 'only the table, its facilitator and evaluators follow the drafts');
    }
    const room = `draft:${state.sessionId}:${checkpointId}`;
    if (payload.update === undefined) {
      void socket.join(room);
      return { ok: true, seq: 0, sections: this.sections(state, checkpointId) };
    }
    const player = actor.kind === 'player' ? state.players.find((p) => p.id === actor.playerId) : undefined;
    if (!player || player.roleId !== payload.roleId) {
      return ackError('not-authorized', "a player drafts their own role's section only");
    }
    const doc = this.doc(state.sessionId, checkpointId, player.roleId);
    const update = Buffer.from(payload.update, 'base64');
    const trial = new Y.Doc();
    Y.applyUpdate(trial, Y.encodeStateAsUpdate(doc));
    try {
      Y.applyUpdate(trial, update);
    } catch {
      return ackError('invalid-payload', 'the update is not a Yjs update');
    }
    if (Y.encodeStateAsUpdate(trial).byteLength > MAX_SECTION_BYTES) {
      return ackError('invalid-payload', `a section may hold at most ${MAX_SECTION_BYTES / 1024} KB`);
    }
    Y.applyUpdate(doc, update);
    void socket.join(room);
    socket.to(room).emit('draft', { checkpointId, roleId: player.roleId, update: payload.update });
    return { ok: true, seq: 0, sections: [] };
  }

  /** Drops a session's drafts (when the session is unloaded). */
  forget(sessionId: string): void {
    for (const key of this.docs.keys()) if (key.startsWith(`${sessionId}/`)) this.docs.delete(key);
  }

  private sections(state: SessionState, checkpointId: string): AckExtras['draft']['sections'] {
    return state.scenario.roles.map((role) => ({
      roleId: role.id,
      update: Buffer.from(Y.encodeStateAsUpdate(this.doc(state.sessionId, checkpointId, role.id))).toString(
        'base64',
      ),
    }));
  }

  private doc(sessionId: string, checkpointId: string, roleId: string): Y.Doc {
    const key = `${sessionId}/${checkpointId}/${roleId}`;
    let doc = this.docs.get(key);
    if (!doc) {
      doc = new Y.Doc();
      this.docs.set(key, doc);
    }
    return doc;
  }
}
