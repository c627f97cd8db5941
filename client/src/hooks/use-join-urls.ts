import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { type JoinUrlsResponse, joinBaseChoices } from '../../../shared/protocol/join-urls';
import { getJoinUrls } from '../lib/api';

/**
 * The base address for the join QR code, the join line and the links the console hands out: the
 * server's PUBLIC_URL when set, otherwise one of its LAN addresses (the facilitator picks when there
 * are several), never `localhost` while another address exists. Every component on the page shares
 * one answer and one choice. The choice is kept in this browser's storage for the origin (a reload
 * keeps it, other tabs follow it); the projector and evaluator links are built on it, so a projector
 * opened from them is on the chosen address and offers that one first.
 */
export interface JoinUrls {
  /** Undefined until the server has answered (or could not be asked). */
  base: string | undefined;
  /** Every base the console may offer, the default first; one entry when PUBLIC_URL is set. */
  choices: string[];
  choose(base: string): void;
}

const STORAGE_KEY = 'crisis-table:join-base';

type Fetched = { urls: JoinUrlsResponse | undefined };
let fetched: Fetched | undefined;
let requested = false;
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

function load(): void {
  if (requested) return;
  requested = true;
  void getJoinUrls().then((result) => {
    // Unreachable or an old server: fall back to the page's own address.
    fetched = { urls: result.ok ? result.value : undefined };
    notify();
  });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab of this browser (the projector) changed the choice.
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

const getFetched = () => fetched;
const getStored = () => storage()?.getItem(STORAGE_KEY) ?? null;

export function useJoinUrls(): JoinUrls {
  useEffect(load, []);
  const answer = useSyncExternalStore(subscribe, getFetched);
  const stored = useSyncExternalStore(subscribe, getStored);
  const choose = useCallback((base: string) => {
    storage()?.setItem(STORAGE_KEY, base);
    notify();
  }, []);
  if (!answer) return { base: undefined, choices: [], choose };
  const choices = joinBaseChoices(answer.urls, window.location.origin);
  const base = stored !== null && choices.includes(stored) ? stored : choices[0];
  return { base, choices, choose };
}
