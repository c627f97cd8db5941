import { useCallback, useState } from 'react';
import type { Ack } from '../../../shared/protocol/ack';

/**
 * Runs one command at a time from a control and keeps its outcome: `busy` while waiting for the
 * acknowledgement, then the server's message when it refused. Resolves true when accepted.
 */
export function useAck() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = useCallback(async (action: () => Promise<Ack>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    const ack = await action();
    setBusy(false);
    if (!ack.ok) setError(ack.message);
    return ack.ok;
  }, []);
  return { busy, error, run, clearError: () => setError(undefined) };
}
