import { useEffect, useState } from 'react';
import type { CohortComparison, CohortOverview, CohortRoom } from '../../../shared/protocol/cohort';
import { pollCohort } from '../lib/cohort-api';

type Polled = { overview: CohortOverview; room: CohortRoom; comparison: CohortComparison };

export interface CohortPoll<T> {
  data: T | undefined;
  error: { code: string; message: string } | undefined;
  /** Server clock minus this browser's, when the last answer arrived (for the tables' countdowns). */
  clockOffsetMs: number;
}

/**
 * Keeps one of the cohort's projections current with a long poll: each answer carries a version,
 * and the next request waits on the server until some table changes. A lost connection retries
 * after a pause; a refused token stops (the page then says why).
 */
export function useCohortPoll<K extends keyof Polled>(
  cohortId: string,
  what: K,
  token: string | undefined,
  live = true,
): CohortPoll<Polled[K]> {
  const [state, setState] = useState<CohortPoll<Polled[K]>>({
    data: undefined,
    error: undefined,
    clockOffsetMs: 0,
  });
  useEffect(() => {
    if (!token) return;
    const abort = new AbortController();
    let version: number | undefined;
    let stopped = false;
    const run = async () => {
      while (!stopped) {
        const result = await pollCohort(cohortId, what, token, version, abort.signal);
        if (stopped) return;
        if (result.ok) {
          const value = result.value as Polled[K] & { version?: number; serverNow?: number };
          version = value.version;
          const offset = value.serverNow === undefined ? 0 : value.serverNow - Date.now();
          setState({ data: value, error: undefined, clockOffsetMs: offset });
          if (!live || version === undefined) return;
        } else {
          setState((s) => ({ ...s, error: result }));
          if (result.code === 'not-found' || result.code === 'invalid-token') return;
          await new Promise((resolve) => setTimeout(resolve, 2_000));
        }
      }
    };
    void run();
    return () => {
      stopped = true;
      abort.abort();
    };
  }, [cohortId, what, token, live]);
  return state;
}
