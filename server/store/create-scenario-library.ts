import { FileScenarioLibrary } from './file-scenario-library';
import { RedisScenarioLibrary } from './redis-scenario-library';
import type { ScenarioLibrary } from './scenario-library';

/** The library lives where the sessions do: Redis when REDIS_URL is set, otherwise files under DATA_DIR. */
export function createScenarioLibrary(
  config: { DATA_DIR: string; REDIS_URL?: string | undefined; REDIS_PREFIX: string },
  options: { onConnectionError?: (error: Error) => void } = {},
): Promise<ScenarioLibrary> {
  if (config.REDIS_URL) {
    return RedisScenarioLibrary.open({
      url: config.REDIS_URL,
      prefix: config.REDIS_PREFIX,
      ...(options.onConnectionError ? { onConnectionError: options.onConnectionError } : {}),
    });
  }
  return FileScenarioLibrary.open(config.DATA_DIR);
}
