/**
 * Stable React keys from content: the content's own text, with a counter for repeats (two
 * identical list items stay distinct). Positions are not used, so edits elsewhere keep keys.
 */
export function keyed<T>(items: readonly T[], keyOf: (item: T) => string): { key: string; item: T }[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = keyOf(item);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { key: n === 0 ? base : `${base}#${n}`, item };
  });
}
