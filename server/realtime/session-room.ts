import type { Socket } from 'socket.io';
import type { ServerToClientEvents } from '../../shared/protocol/events';
import { authenticate } from '../../shared/session/credentials';
import type { SessionState } from '../../shared/session/state';
import { project, projectScenario } from '../../shared/views/project';
import type { View } from '../../shared/views/view';
import { type Viewer, viewerKey } from '../../shared/views/viewer';
import type { SessionChange, SessionPart, SessionRuntime } from '../game/session-runtime';
import { presenceOf } from './presence';

/** One authenticated connection in a session. */
export interface Member {
  socket: Socket<Record<string, never>, ServerToClientEvents>;
  viewer: Viewer;
  /** The hash of the token the connection authenticated with; rechecked after every change. */
  tokenHash: string;
  /** The seq of the last view sent, so a view is never sent twice or out of order. */
  sentSeq: number;
}

/**
 * The connections of one session on this process and what they are sent: a part of the session's
 * runtime (server/game/session-runtime.ts). After every logged change each member gets its own
 * projection (computed once per viewer, shared by that viewer's tabs), members whose credential
 * no longer authenticates are signed out, and facilitators get presence updates.
 */
export class SessionRoom implements SessionPart {
  private readonly members = new Set<Member>();
  private readonly detach: () => void;
  private lastPresence = '';

  constructor(
    readonly session: SessionRuntime,
    private readonly onSignedOut: (member: Member) => void,
    /** A projection that throws is a defect; it is reported and that member skipped, never the others. */
    private readonly onError: (error: unknown, member: Member) => void,
    /** The runtime was disposed (the session unloaded or the server is stopping). */
    private readonly onClosed: () => void = () => {},
  ) {
    this.detach = session.attach(this);
  }

  onCommand(change: SessionChange): void {
    this.changed(change.state, change.seq);
  }

  onDispose(): void {
    this.members.clear();
    this.onClosed();
  }

  get size(): number {
    return this.members.size;
  }

  add(member: Member): void {
    this.members.add(member);
    const { sessionId } = this.session;
    member.socket.emit('scenario', {
      sessionId,
      ...projectScenario(this.session.state.scenario, member.viewer),
    });
    this.sendView(member, this.session.state, this.session.seq);
    this.session.join(member.viewer);
    this.sendPresence(true);
  }

  remove(member: Member): void {
    if (!this.members.delete(member)) return;
    this.session.leave(member.viewer);
    this.sendPresence(false);
  }

  /** Sends the member the current view when it is behind (`sync`, or a view it may have missed). */
  resend(member: Member, clientSeq: number): void {
    const seq = this.session.seq;
    if (clientSeq !== seq) this.sendView(member, this.session.state, seq);
  }

  /** Detaches from the runtime (the last member left, or the gateway is closing). */
  close(): void {
    this.detach();
  }

  private changed(state: SessionState, seq: number): void {
    const views = new Map<string, View>();
    for (const member of [...this.members]) {
      if (authenticate(state, member.tokenHash) === undefined) {
        this.members.delete(member);
        this.onSignedOut(member);
        continue;
      }
      if (seq <= member.sentSeq) continue;
      const key = viewerKey(member.viewer);
      try {
        let view = views.get(key);
        if (!view) {
          view = project(state, member.viewer);
          views.set(key, view);
        }
        member.sentSeq = seq;
        member.socket.emit('view', { seq, view });
      } catch (error) {
        this.onError(error, member);
      }
    }
    this.sendPresence(false);
  }

  private sendView(member: Member, state: SessionState, seq: number): void {
    try {
      const view = project(state, member.viewer);
      member.sentSeq = seq;
      member.socket.emit('view', { seq, view });
    } catch (error) {
      this.onError(error, member);
    }
  }

  /** Facilitators get presence when it changed (or `force` when one just connected). */
  private sendPresence(force: boolean): void {
    const presence = presenceOf(
      this.session.state,
      [...this.members].map((m) => m.viewer),
    );
    const serialized = JSON.stringify(presence);
    if (!force && serialized === this.lastPresence) return;
    this.lastPresence = serialized;
    for (const member of this.members) {
      if (member.viewer.kind === 'facilitator') member.socket.emit('presence', presence);
    }
  }
}
