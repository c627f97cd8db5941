import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { ScenarioPath } from './problem';

/**
 * Maps a field path (as zod and the semantic checks report it) back to where the author wrote it,
 * and an offset in the text (as the YAML parser reports it) to the field path.
 */
export interface SourcePosition {
  line: number;
  column: number;
}

export interface SourceMap {
  /**
   * Where the field at `path` is written. When the field is absent (a missing required key, or a
   * value filled in by a default) this is the nearest enclosing mapping or list that is written.
   * With `at: 'key'` a mapping entry is located by its key rather than its value (unknown keys).
   * A path that runs through an alias stops at the alias: that is the line the author wrote.
   */
  locate(path: ScenarioPath, at?: 'value' | 'key'): SourcePosition;
  /** The field path of the innermost node containing `offset`. */
  pathAt(offset: number): (string | number)[];
  /** The source text of the node at `path` when it is a plain scalar written in the file. */
  plainScalarSource(path: ScenarioPath): string | undefined;
}

type Parsed = Document.Parsed;

/** Half-open, so an offset just past a node (the next line's start) is not inside it. */
function within(offset: number, start: number, end: number): boolean {
  return offset >= start && (offset < end || start === end);
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function childOf(node: Node, segment: string | number): { key?: Node; value: Node | null } | undefined {
  if (isMap(node)) {
    // The last of duplicate keys, as that is the value the loader keeps (duplicates are reported).
    const pair = node.items.findLast((p) => keyText(p.key) === String(segment));
    return pair && { key: pair.key as Node, value: (pair.value as Node | null) ?? null };
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item === undefined ? undefined : { value: (item as Node | null) ?? null };
  }
  return undefined;
}

export function createSourceMap(doc: Parsed, lineCounter: LineCounter, text: string): SourceMap {
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  /** The written node at `path`, or the deepest written ancestor and how far the walk got. */
  const walk = (path: ScenarioPath, at: 'value' | 'key') => {
    let node: Node | null = doc.contents;
    let anchorNode: Node | null = node;
    for (let i = 0; i < path.length; i++) {
      if (node === null || isAlias(node)) break;
      const child = childOf(node, path[i]!);
      if (child === undefined) break;
      const last = i === path.length - 1;
      if (last && at === 'key' && child.key) return { node: child.key, complete: true };
      // A key written with no value (`name:`) has no value node: point at the key.
      if (child.value === null || child.value.range === undefined) {
        return { node: child.key ?? anchorNode, complete: last };
      }
      node = child.value;
      anchorNode = node;
      if (last) return { node, complete: true };
    }
    return { node: anchorNode, complete: path.length === 0 };
  };

  return {
    locate(path, at = 'value') {
      const { node } = walk(path, at);
      const offset = node?.range?.[0] ?? 0;
      return position(offset);
    },
    pathAt(offset) {
      const path: (string | number)[] = [];
      let node: Node | null = doc.contents;
      descend: while (node !== null && (isMap(node) || isSeq(node))) {
        if (isMap(node)) {
          for (const pair of node.items) {
            if (!isPair(pair)) continue;
            const key = pair.key as Node | null;
            const value = pair.value as Node | null;
            const start = key?.range?.[0] ?? value?.range?.[0];
            const end = value?.range?.[2] ?? key?.range?.[2];
            if (start === undefined || end === undefined || !within(offset, start, end)) continue;
            const name = keyText(key);
            if (name === undefined) break descend;
            path.push(name);
            node = value;
            continue descend;
          }
          break;
        }
        let index = 0;
        for (const item of node.items as (Node | null)[]) {
          const range = item?.range;
          if (range && within(offset, range[0], range[2])) {
            path.push(index);
            node = item;
            continue descend;
          }
          index++;
        }
        break;
      }
      return path;
    },
    plainScalarSource(path) {
      const { node, complete } = walk(path, 'value');
      if (!complete || !isScalar(node) || node.type !== 'PLAIN' || !node.range) return undefined;
      return text.slice(node.range[0], node.range[1]);
    },
  };
}
