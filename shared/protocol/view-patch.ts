// The default export: fast-json-patch is CommonJS under Node, whose named exports ESM cannot see.
import jsonpatch, { type Operation } from 'fast-json-patch';
import type { View } from '../views/view';
import type { ViewPatchEvent } from './events';

/**
 * The view a `view-patch` yields from the view a client holds (issue 19), or `undefined` when the
 * client does not hold the patch's base (`fromSeq` is not its seq) or the patch does not apply:
 * the client then sends `sync { lastSeq }` and gets the whole view. The held view is not changed.
 */
export function applyViewPatch(
  held: { seq: number; view: View } | undefined,
  event: ViewPatchEvent,
): View | undefined {
  if (!held || held.seq !== event.fromSeq) return undefined;
  try {
    // Not mutating: the held view is copied first, so a renderer holding it sees no change under it.
    return jsonpatch.applyPatch(held.view, event.patch as Operation[], false, false).newDocument;
  } catch {
    return undefined;
  }
}
