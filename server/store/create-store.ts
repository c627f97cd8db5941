import { FileStore } from './file-store';
import { RedisStore } from './redis-store';
import type { SessionStore, StoreWarning } from './session-store';

export interface StoreConfig {
  DATA_DIR: string;
  REDIS_URL?: string | undefined;
  REDIS_PREFIX: string;
}

export interface CreateStoreOptions {
  /** Tolerated problems (torn tail, unreadable snapshot), to be logged at "warn" (both stores). */
  onWarning?: (warning: StoreWarning) => void;
  /** Redis connection errors while the client reconnects, to be logged (Redis only). */
  onConnectionError?: (error: Error) => void;
}

/**
 * Redis when REDIS_URL is set (several processes can share it), otherwise the embedded file store
 * under DATA_DIR. Rejects with storage-unavailable when the chosen backend cannot be reached at boot.
 */
export async function createStore(
  config: StoreConfig,
  options: CreateStoreOptions = {},
): Promise<SessionStore> {
  if (config.REDIS_URL) {
    return RedisStore.open({
      url: config.REDIS_URL,
      prefix: config.REDIS_PREFIX,
      ...(options.onWarning ? { onWarning: options.onWarning } : {}),
      ...(options.onConnectionError ? { onConnectionError: options.onConnectionError } : {}),
    });
  }
  return FileStore.open({
    dataDir: config.DATA_DIR,
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
}
