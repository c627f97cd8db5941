import { type Document, isAlias, isCollection, isPair, type Node } from 'yaml';

/**
 * How many nodes the aliases (`*name`) of a document add when expanded, counting each alias as a
 * full copy of what it points at. yaml's own `maxAliasCount` stops the exponential "billion laughs"
 * but lets a list of 100,000 items be aliased 100 times, which is cheap to write and expensive to
 * validate; this measure catches both. Anchors are looked up in document order, as YAML defines
 * them (an alias refers to the latest anchor of that name written before it). Returns Infinity for
 * an alias inside the node it refers to.
 */
export function aliasExpansionNodes(doc: Document.Parsed): number {
  const anchors = new Map<string, Node>();
  const sizes = new Map<Node, number>();
  const inProgress = new Set<Node>();
  let added = 0;

  const size = (node: unknown): number => {
    if (node === null || node === undefined) return 0;
    if (isPair(node)) return size(node.key) + size(node.value);
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) return 1; // an unresolved alias is a YAML error reported elsewhere
      if (inProgress.has(target)) return Number.POSITIVE_INFINITY;
      const copy = sizes.get(target) ?? 1;
      added += copy;
      return copy;
    }
    const written = node as Node;
    if (written.anchor) anchors.set(written.anchor, written);
    inProgress.add(written);
    let total = 1;
    if (isCollection(written)) for (const item of written.items) total += size(item);
    inProgress.delete(written);
    sizes.set(written, total);
    return total;
  };

  const total = size(doc.contents);
  return Number.isFinite(total) ? added : Number.POSITIVE_INFINITY;
}
