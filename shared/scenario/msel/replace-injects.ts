import {
  Document,
  isMap,
  isScalar,
  isSeq,
  type Pair,
  parseDocument,
  Scalar,
  visit,
  type YAMLMap,
} from 'yaml';
import { injectSchema } from '../schema';
import type { InjectInput } from './import-csv';

/**
 * A scenario's YAML text with its `injects:` replaced, keeping the author's file: an inject whose
 * content is unchanged keeps its exact text (comments, quoting, spacing, `audience: all`), only the
 * injects that changed are written anew, in the file's own style, and every byte outside the list
 * stays as it was. The positions come from the yaml package's Document (node ranges), so the edit
 * is made on the document the author wrote, never on a re-serialized object. Isomorphic: the CLI
 * (`npm run scenario:msel -- import --write`) and the author page use it alike.
 */
export function replaceInjects(text: string, injects: readonly InjectInput[]): string {
  const doc = parseDocument(text);
  const root = doc.contents;
  const pair = isMap(root)
    ? root.items.find((item) => isScalar(item.key) && item.key.value === 'injects')
    : undefined;
  const spliced = pair && isSeq(pair.value) && !pair.value.flow ? splice(text, pair, injects) : undefined;
  if (spliced !== undefined && readsBackAs(spliced, injects)) return spliced;
  // An unusual layout (no list yet, a flow list): edit the Document and print it, which keeps
  // comments and order elsewhere.
  const block = parseDocument(`injects:\n${generated(injects, '  ', '    ')}`);
  doc.set('injects', block.get('injects', true) ?? doc.createNode([]));
  return doc.toString({ lineWidth: 0 });
}

/** Whether two injects say the same once the schema's defaults are filled in. */
export function sameInject(a: unknown, b: unknown): boolean {
  const left = injectSchema.safeParse(a);
  const right = injectSchema.safeParse(b);
  if (left.success && right.success) return canonical(left.data) === canonical(right.data);
  // One the author is still writing (not valid yet): the same only if written the same.
  return (
    canonical(JSON.parse(JSON.stringify(a ?? null))) === canonical(JSON.parse(JSON.stringify(b ?? null)))
  );
}

function canonical(inject: unknown): string {
  return JSON.stringify(inject, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}

function readsBackAs(text: string, injects: readonly InjectInput[]): boolean {
  const read: unknown = parseDocument(text).toJS()?.injects;
  return (
    Array.isArray(read) &&
    read.length === injects.length &&
    read.every((item, i) => sameInject(item, injects[i]))
  );
}

interface Chunk {
  id: unknown;
  value: unknown;
  /** Blank lines and comments above the item (they introduce it, e.g. "# round 2"). */
  prefix: string;
  /** From the start of the item's "- " line to the end of its last line. */
  body: string;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end + 1;
}

/**
 * Where an item's own text ends: its last line that is neither blank nor a comment less indented
 * than its keys (such a comment introduces what follows, e.g. "# Objectives").
 */
function itemEnd(text: string, start: number, rangeEnd: number, keyIndent: number): number {
  let end = lineEnd(text, Math.max(start, text.slice(0, rangeEnd).replace(/\s+$/, '').length - 1));
  for (;;) {
    const last = lineStart(text, end - 1);
    if (last <= start) return end;
    const line = text.slice(last, end).replace(/\r?\n$/, '');
    const indent = line.length - line.trimStart().length;
    if (!(line.trim() === '' || (line.trimStart().startsWith('#') && indent < keyIndent))) return end;
    end = last;
  }
}

function splice(text: string, pair: Pair, injects: readonly InjectInput[]): string | undefined {
  const seq = pair.value;
  if (!isSeq(seq) || seq.items.length === 0) return undefined;
  const values: unknown = parseDocument(text).toJS()?.injects;
  if (!Array.isArray(values) || values.length !== seq.items.length) return undefined;
  const chunks: Chunk[] = [];
  let cursor = -1;
  let dashIndent = '';
  let keyIndent = '';
  for (const [index, item] of seq.items.entries()) {
    if (!isMap(item) || !item.range) return undefined;
    const start = lineStart(text, item.range[0]);
    const dashLine = text.slice(start, item.range[0]);
    if (!/^ *- +$/.test(dashLine)) return undefined;
    dashIndent = dashLine.slice(0, dashLine.indexOf('-'));
    keyIndent = ' '.repeat(dashLine.length);
    const end = itemEnd(text, start, item.range[2], dashLine.length);
    chunks.push({
      id: item.get('id'),
      value: values[index],
      prefix: cursor === -1 ? '' : text.slice(cursor, start),
      body: text.slice(start, end),
    });
    cursor = end;
  }
  const first = chunks[0]!;
  const listStart = lineStart(text, (seq.items[0] as YAMLMap).range![0]);
  // New injects are separated as the file separates its injects (usually a blank line).
  const separator = chunks[1]?.prefix.match(/^(\s*\n)*/)?.[0] ?? '';
  const byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));
  const out = injects.map((inject, index) => {
    const old = byId.get(inject.id);
    const lead =
      index === 0
        ? (old?.prefix ?? '').replace(/^(\s*\n)*/, '')
        : old && old !== first
          ? old.prefix
          : separator;
    if (old && sameInject(old.value, inject)) return lead + old.body;
    return lead + generated([inject], dashIndent, keyIndent);
  });
  // A comment above the first inject belongs to the list in yaml's model; it stays where it is.
  return text.slice(0, listStart) + out.join('') + text.slice(cursor);
}

/** The injects as the shipped scenarios write them, as lines of a block list at the given indents. */
function generated(injects: readonly InjectInput[], dashIndent: string, keyIndent: string): string {
  const doc = new Document({ injects: injects.map(withAudience) });
  visit(doc, {
    Pair(_key, pair) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      const value = pair.value;
      // A condition trigger is too long for one line: its condition gets a line of its own.
      if (key === 'trigger' && isMap(value)) {
        const condition = value.get('condition', true);
        if (isMap(condition)) condition.flow = true;
        else value.flow = true;
      }
      if ((key === 'audience' || key === 'objectives') && isSeq(value)) value.flow = true;
      if (key === 'effects' && isSeq(value)) {
        for (const effect of value.items) if (isMap(effect)) effect.flow = true;
      }
      // The authoring guide tells authors to quote comparisons; the file should do as it says.
      if (key === 'comparison' && isScalar(value)) value.type = Scalar.QUOTE_SINGLE;
    },
    Scalar(_key, scalar) {
      if (typeof scalar.value === 'string' && scalar.value.includes('\n')) scalar.type = Scalar.BLOCK_LITERAL;
    },
  });
  const printed = doc.toString({ lineWidth: 0 });
  const lines = printed
    .replace(/^injects:\n/, '')
    .replace(/\n$/, '')
    .split('\n');
  return `${lines
    .map((line) => {
      // yaml pads every flow collection ("{ a }", "[ a ]"); the shipped files write id lists as "[a, b]".
      const tidy = line.replace(/^(\s*(?:- )?(?:audience|objectives): )\[ (.*) \]$/, '$1[$2]');
      // Items arrive at yaml's indent of two ("  - id: ..."); re-indent to the file's.
      const item = tidy.match(/^ {2}- (.*)$/);
      if (item) return `${dashIndent}- ${item[1]}`;
      return tidy === '' ? '' : `${keyIndent}${tidy.replace(/^ {4}/, '')}`;
    })
    .join('\n')}\n`;
}

/** `audience: all` is the default, but the files say it; a written inject keeps saying it. */
function withAudience(inject: InjectInput): InjectInput {
  if (inject.audience !== undefined) return inject;
  const { id, number, title, trigger, audience: _absent, ...rest } = inject;
  return { id, number, title, trigger, audience: 'all', ...rest };
}
