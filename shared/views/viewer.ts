import type { Actor } from '../session/actor';

/**
 * Whoever a projection is for. The projector screen is a viewer too (DESIGN.md invariant 4), and
 * sees only what the whole room may see.
 */
export type Viewer =
  | { kind: 'facilitator' }
  | { kind: 'player'; playerId: string }
  | { kind: 'observer' }
  | { kind: 'evaluator'; evaluatorId: string }
  | { kind: 'screen' };

export type ViewerKind = Viewer['kind'];
export const VIEWER_KINDS: readonly ViewerKind[] = [
  'facilitator',
  'player',
  'observer',
  'evaluator',
  'screen',
];

/** The viewer an authenticated actor sees as; system, computer and guest actors never view. */
export function viewerOf(actor: Actor): Viewer | undefined {
  switch (actor.kind) {
    case 'facilitator':
    case 'observer':
    case 'screen':
      return { kind: actor.kind };
    case 'player':
      return { kind: 'player', playerId: actor.playerId };
    case 'evaluator':
      return { kind: 'evaluator', evaluatorId: actor.evaluatorId };
    default:
      return undefined;
  }
}

/** Viewers with the same key receive the same projection (several tabs, several screens). */
export function viewerKey(viewer: Viewer): string {
  switch (viewer.kind) {
    case 'player':
      return `player:${viewer.playerId}`;
    case 'evaluator':
      return `evaluator:${viewer.evaluatorId}`;
    default:
      return viewer.kind;
  }
}
