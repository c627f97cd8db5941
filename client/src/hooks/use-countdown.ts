import { useEffect, useState } from 'react';

/**
 * Seconds left until a server deadline, ticking locally. `offsetMs` is the server clock minus
 * this browser's (measured when a view arrives), so a phone with a wrong clock still counts right.
 * Returns undefined when no timer runs.
 */
export function useCountdown(deadlineMs: number | undefined, offsetMs = 0): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadlineMs === undefined) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [deadlineMs]);
  if (deadlineMs === undefined) return undefined;
  return Math.max(0, (deadlineMs - (now + offsetMs)) / 1000);
}
