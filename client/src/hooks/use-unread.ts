import { useEffect, useState } from 'react';

/**
 * Unread counts per section of a page: each section reports how many things it holds (injects,
 * messages, proposal updates), and what arrived since the section was last open is unread. What is
 * already there when the page opens counts as seen, so a reload does not light every badge.
 */
export function useUnread<K extends string>(counts: Record<K, number>, open: K): Record<K, number> {
  const [seen, setSeen] = useState<Record<K, number>>(counts);
  const openCount = counts[open];
  useEffect(() => {
    setSeen((s) => (s[open] === openCount ? s : { ...s, [open]: openCount }));
  }, [open, openCount]);
  const unread = {} as Record<K, number>;
  for (const key of Object.keys(counts) as K[]) {
    unread[key] = key === open ? 0 : Math.max(0, counts[key] - (seen[key] ?? 0));
  }
  return unread;
}
