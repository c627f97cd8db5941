import { Document, isMap, isScalar, isSeq, parseDocument, Scalar } from 'yaml';

/**
 * Edits of a scenario's YAML text that keep the author's file: a scalar that exists is replaced in
 * place (its range in the parsed Document), so every other byte, comment and quote stays as written;
 * anything else goes through the Document API (`setIn`/`deleteIn`), which keeps comments and order.
 * The author page and the library's "duplicate" use these; the MSEL has its own (msel/replace-injects.ts).
 */
export type YamlPath = readonly (string | number)[];

/** Sets the value at `path` (a string, number or boolean in place; lists and mappings as nodes). */
export function setYamlValue(text: string, path: YamlPath, value: unknown): string {
  const doc = parseDocument(text);
  const node = doc.getIn(path, true);
  if (isScalar(node) && node.range && isPlainValue(value)) {
    const rendered = renderScalar(text, node, value);
    if (rendered !== undefined) {
      const next = text.slice(0, node.range[0]) + rendered + text.slice(node.range[1]);
      // A splice must read back as exactly the value it meant to write; otherwise use the Document.
      if (JSON.stringify(parseDocument(next).getIn(path)) === JSON.stringify(value)) return next;
    }
  }
  doc.setIn(path, doc.createNode(value));
  return doc.toString({ lineWidth: 0 });
}

export function deleteYamlValue(text: string, path: YamlPath): string {
  const doc = parseDocument(text);
  if (!doc.hasIn(path)) return text;
  doc.deleteIn(path);
  return doc.toString({ lineWidth: 0 });
}

/** Appends an item to the list at `path` (creating it when absent). */
export function appendYamlItem(text: string, path: YamlPath, item: unknown): string {
  const doc = parseDocument(text);
  const list = doc.getIn(path, true);
  if (isSeq(list)) list.items.push(doc.createNode(item));
  else doc.setIn(path, doc.createNode([item]));
  return doc.toString({ lineWidth: 0 });
}

/**
 * The file's values as plain data, parsed once: `read(path)` is the value at `path` (undefined when
 * absent or when the text does not parse as a mapping). A form reading many fields parses the text
 * once per edit, not once per field.
 */
export function yamlReader(text: string): (path: YamlPath) => unknown {
  const doc = parseDocument(text);
  const data: unknown = isMap(doc.contents) ? doc.contents.toJSON() : undefined;
  return (path) => {
    let value = data;
    for (const key of path) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string | number, unknown>)[key];
    }
    return value;
  };
}

function isPlainValue(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function renderScalar(text: string, node: Scalar, value: string | number | boolean): string | undefined {
  const multiline = typeof value === 'string' && value.includes('\n');
  if (multiline || node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
    if (typeof value !== 'string') return undefined;
    const start = node.range![0];
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const indent = ' '.repeat((text.slice(lineStart).match(/^ */)?.[0].length ?? 0) + 2);
    const body = value.replace(/\n$/, '');
    const chomp = value.endsWith('\n') ? '' : '-';
    const lines = body.split('\n').map((line) => (line === '' ? '' : `${indent}${line}`));
    // The block's range ends after its last line break; the rest of the file follows it.
    const ending = text.slice(0, node.range![1]).endsWith('\n') ? '\n' : '';
    return `|${chomp}\n${lines.join('\n')}${ending}`;
  }
  // Keep the author's quoting when the new value allows it.
  const scalar = new Scalar(value);
  if (typeof value === 'string' && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE))
    scalar.type = node.type;
  return new Document(scalar).toString({ lineWidth: 0 }).replace(/\n$/, '');
}
