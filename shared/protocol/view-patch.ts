import type { View } from '../views/view';
import type { JsonPatchOperation, ViewPatchEvent } from './events';

/**
 * The view a `view-patch` yields from the view a client holds (issue 19), or `undefined` when the
 * client does not hold the patch's base (`fromSeq` is not its seq) or the patch does not apply:
 * the client then sends `sync { lastSeq }` and gets the whole view.
 *
 * The held view is never changed: each operation copies only the objects and arrays on its path
 * and shares every other part with the held view (so React sees new references exactly where the
 * view changed, and a client keeping old views pays for what changed, not for a deep copy of the
 * whole view per change). The operations are the RFC 6902 subset the server's diff emits
 * (fast-json-patch `compare`: `add`, `remove`, `replace`, by array index or object key);
 * tests/server/realtime/view-patches.test.ts checks the result against a fresh projection.
 */
export function applyViewPatch(
  held: { seq: number; view: View } | undefined,
  event: ViewPatchEvent,
): View | undefined {
  if (!held || held.seq !== event.fromSeq) return undefined;
  try {
    let root: unknown = held.view;
    // Containers already copied for this patch: written in place by its later operations.
    const copied = new WeakSet<object>();
    for (const op of event.patch) root = applyOperation(root, op, copied);
    return root as View;
  } catch {
    return undefined;
  }
}

type Container = Record<string, unknown> | unknown[];

function applyOperation(root: unknown, op: JsonPatchOperation, copied: WeakSet<object>): unknown {
  if (op.path === '') {
    if (op.op === 'remove') throw new Error('cannot remove the whole view');
    return op.value;
  }
  const keys = op.path
    .slice(1)
    .split('/')
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const copy = (value: unknown): Container => {
    if (typeof value !== 'object' || value === null) throw new Error(`no container at ${op.path}`);
    if (copied.has(value)) return value as Container;
    const fresh: Container = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
    copied.add(fresh);
    return fresh;
  };
  const top = copy(root);
  let parent: Container = top;
  for (const key of keys.slice(0, -1)) {
    const child = copy(read(parent, key, op.path));
    write(parent, key, child);
    parent = child;
  }
  const last = keys[keys.length - 1] as string;
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : arrayIndex(last, op.path);
    if (op.op === 'add') {
      if (index > parent.length) throw new Error(`index out of range at ${op.path}`);
      parent.splice(index, 0, op.value);
    } else {
      if (index >= parent.length) throw new Error(`index out of range at ${op.path}`);
      if (op.op === 'remove') parent.splice(index, 1);
      else parent[index] = op.value;
    }
  } else if (op.op === 'remove' || op.op === 'replace') {
    if (!Object.hasOwn(parent, last)) throw new Error(`no member at ${op.path}`);
    if (op.op === 'remove') delete parent[last];
    else parent[last] = op.value;
  } else {
    parent[last] = op.value;
  }
  return top;
}

function read(container: Container, key: string, path: string): unknown {
  if (Array.isArray(container)) return container[arrayIndex(key, path)];
  if (!Object.hasOwn(container, key)) throw new Error(`no member at ${path}`);
  return container[key];
}

function write(container: Container, key: string, value: unknown): void {
  if (Array.isArray(container)) container[arrayIndex(key, key)] = value;
  else container[key] = value;
}

function arrayIndex(key: string, path: string): number {
  if (!/^(0|[1-9]\d*)$/.test(key)) throw new Error(`not an array index at ${path}`);
  return Number(key);
}
