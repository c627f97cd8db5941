// The default export: fast-json-patch is CommonJS under Node, whose named exports ESM cannot see.
import jsonpatch from 'fast-json-patch';
import type { Socket } from 'socket.io';
import type { JsonPatchOperation, ServerToClientEvents } from '../../shared/protocol/events';
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

/** The last projection sent to one viewer key: the base of its next patch, and what `sync` is answered from. */
interface Base {
  seq: number;
  view: View;
}

/**
 * The connections of one session on this process and what they are sent: a part of the session's
 * runtime (server/game/session-runtime.ts). After every logged change each viewer key (a player,
 * an evaluator, or all screens, all observers, all facilitators) is projected once, and what
 * changed since the last view sent to that key goes out as one RFC 6902 patch (`view-patch`) to a
 * socket.io room of its own, so socket.io encodes it once however many tabs, screens or observers
 * share the key (issue 19). A connection gets a whole `view` when it joins and on `sync` when behind.
 * Members whose credential no longer authenticates are signed out; facilitators get presence updates.
 */
export class SessionRoom implements SessionPart {
  private readonly members = new Set<Member>();
  private readonly detach: () => void;
  private lastPresence = '';
  /** The latest projection per viewer key and the seq it is of: patches start from it, `sync` is answered from it. */
  private readonly bases = new Map<string, Base>();

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
    for (const member of this.members) member.socket.leave(this.roomOf(member));
    this.members.clear();
    this.bases.clear();
    this.onClosed();
  }

  get size(): number {
    return this.members.size;
  }

  has(member: Member): boolean {
    return this.members.has(member);
  }

  /** Whether a member holding the view at `clientSeq` would be sent a newer one by `resend`. */
  isBehind(_member: Member, clientSeq: number): boolean {
    return clientSeq !== this.session.seq;
  }

  add(member: Member): void {
    this.members.add(member);
    const { sessionId } = this.session;
    member.socket.emit('scenario', {
      sessionId,
      ...projectScenario(this.session.state.scenario, member.viewer),
    });
    this.sendView(member, this.session.state, this.session.seq);
    // Joined after its first view, so the next change's patch starts from what it holds.
    member.socket.join(this.roomOf(member));
    this.session.join(member.viewer);
    this.sendPresence(true);
  }

  remove(member: Member): void {
    if (!this.members.delete(member)) return;
    member.socket.leave(this.roomOf(member));
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

  /** The socket.io room of a member's viewer key in this session (one encoded packet per change reaches all of it). */
  private roomOf(member: Member): string {
    return `view:${this.session.sessionId}:${viewerKey(member.viewer)}`;
  }

  private changed(state: SessionState, seq: number): void {
    const byKey = new Map<string, Member[]>();
    /** Members already holding this seq (they joined after it was logged): left out of the broadcast. */
    const current: string[] = [];
    for (const member of [...this.members]) {
      if (authenticate(state, member.tokenHash) === undefined) {
        this.members.delete(member);
        member.socket.leave(this.roomOf(member));
        this.onSignedOut(member);
        continue;
      }
      if (seq <= member.sentSeq) {
        current.push(member.socket.id);
        continue;
      }
      const key = viewerKey(member.viewer);
      const group = byKey.get(key);
      if (group) group.push(member);
      else byKey.set(key, [member]);
    }
    // Keys nobody holds any more are forgotten, so a returning viewer starts from a whole view.
    for (const key of this.bases.keys()) if (!byKey.has(key)) this.bases.delete(key);
    for (const [key, group] of byKey) {
      const first = group[0] as Member;
      let view: View;
      try {
        view = project(state, first.viewer);
      } catch (error) {
        for (const member of group) this.onError(error, member);
        continue;
      }
      const base = this.bases.get(key);
      this.bases.set(key, { seq, view });
      const room = first.socket.nsp.local.to(this.roomOf(first)).except(current);
      // Every member of the key holds the base (they are sent together): one patch for all of them.
      if (base && group.every((m) => m.sentSeq === base.seq)) {
        // fast-json-patch's compare emits add, remove and replace only (the protocol's JsonPatchOperation).
        const patch = jsonpatch.compare(base.view, view) as JsonPatchOperation[];
        room.emit('view-patch', { fromSeq: base.seq, seq, patch });
      } else {
        room.emit('view', { seq, view });
      }
      for (const member of group) member.sentSeq = seq;
    }
    this.sendPresence(false);
  }

  private sendView(member: Member, state: SessionState, seq: number): void {
    try {
      const key = viewerKey(member.viewer);
      const hit = this.bases.get(key);
      let view: View;
      if (hit && hit.seq === seq) view = hit.view;
      else {
        view = project(state, member.viewer);
        // The key's other members hold the older base: a fresh one would break their next patch.
        if (!hit || !this.keyHasOthers(key, member)) this.bases.set(key, { seq, view });
      }
      member.sentSeq = seq;
      member.socket.emit('view', { seq, view });
    } catch (error) {
      this.onError(error, member);
    }
  }

  private keyHasOthers(key: string, member: Member): boolean {
    for (const other of this.members) if (other !== member && viewerKey(other.viewer) === key) return true;
    return false;
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
