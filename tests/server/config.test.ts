import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';

describe('configuration from the environment', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const loaded = loadConfig({});
    expect(loaded.ok).toBe(true);
    if (loaded.ok) {
      expect(loaded.config.PORT).toBe(3000);
      expect(loaded.config.DATA_DIR).toBe('./data');
      expect(loaded.config.REDIS_URL).toBeUndefined();
    }
  });

  it('treats empty strings as unset', () => {
    const loaded = loadConfig({ REDIS_URL: '', PORT: '' });
    expect(loaded.ok && loaded.config.REDIS_URL === undefined && loaded.config.PORT === 3000).toBe(true);
  });

  it('lists every bad variable, not only the first', () => {
    const loaded = loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', REDIS_URL: 'not a url' });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.problems).toHaveLength(3);
      expect(loaded.problems.join('\n')).toMatch(/PORT/);
      expect(loaded.problems.join('\n')).toMatch(/LOG_LEVEL/);
      expect(loaded.problems.join('\n')).toMatch(/REDIS_URL/);
    }
  });
});
