import { useEffect, useRef, useState } from 'react';
import type { InjectCard } from '../../../shared/views/view';

/** How long the banner stays when nobody dismisses it. */
const BANNER_MS = 15_000;

/**
 * Says that an inject arrived: a banner the player sees wherever they are in the page, and the
 * same words in a polite live region for screen readers. Injects already there when the page
 * opens are not announced.
 */
export function InjectAnnouncement({
  injects,
  onRead,
}: {
  injects: readonly Pick<InjectCard, 'id' | 'subject' | 'from'>[];
  /** Takes the player to the feed. */
  onRead: () => void;
}) {
  const known = useRef(new Set(injects.map((i) => i.id)));
  const [fresh, setFresh] = useState<{ text: string; count: number } | null>(null);
  useEffect(() => {
    const arrived = injects.filter((i) => !known.current.has(i.id));
    if (arrived.length === 0) return;
    for (const i of arrived) known.current.add(i.id);
    const last = arrived[arrived.length - 1];
    if (!last) return;
    setFresh({
      text: `New inject from ${last.from}: ${last.subject}`,
      count: arrived.length,
    });
  }, [injects]);
  useEffect(() => {
    if (!fresh) return;
    const timer = setTimeout(() => setFresh(null), BANNER_MS);
    return () => clearTimeout(timer);
  }, [fresh]);
  const more = fresh && fresh.count > 1 ? ` (and ${fresh.count - 1} more)` : '';
  return (
    <>
      <p className="visually-hidden" aria-live="polite">
        {fresh ? `${fresh.text}${more}` : ''}
      </p>
      {fresh && (
        <div className="inject-banner">
          <p>
            <span aria-hidden="true">▲</span> {fresh.text}
            {more}
          </p>
          <div className="button-row">
            <button
              type="button"
              onClick={() => {
                setFresh(null);
                onRead();
              }}
            >
              Read it
            </button>
            <button type="button" className="secondary" onClick={() => setFresh(null)}>
              Dismiss
            </button>
          </div>
        </div>
      )}
    </>
  );
}
