import { useEffect, useState } from 'react';
import type { AckError } from '../../../shared/protocol/ack';
import type { ScenarioSummary } from '../../../shared/protocol/rest';
import { listScenarios } from '../lib/api';

/** The server's scenario list, loaded once. */
export function useScenarios(): { scenarios: ScenarioSummary[] | undefined; error: AckError | undefined } {
  const [scenarios, setScenarios] = useState<ScenarioSummary[]>();
  const [error, setError] = useState<AckError>();
  useEffect(() => {
    let live = true;
    void listScenarios().then((result) => {
      if (!live) return;
      if (result.ok) setScenarios(result.value.scenarios);
      else setError(result);
    });
    return () => {
      live = false;
    };
  }, []);
  return { scenarios, error };
}
