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

  it('takes PUBLIC_URL as an http(s) origin, without a trailing slash', () => {
    for (const [value, origin] of [
      ['https://crisis.example.org', 'https://crisis.example.org'],
      ['http://192.168.1.20:3000/', 'http://192.168.1.20:3000'],
      ['HTTPS://Crisis.Example.org:443', 'https://crisis.example.org'],
    ]) {
      const loaded = loadConfig({ PUBLIC_URL: value });
      expect(loaded.ok && loaded.config.PUBLIC_URL, value).toBe(origin);
    }
    const unset = loadConfig({ PUBLIC_URL: '' });
    expect(unset.ok && unset.config.PUBLIC_URL).toBeUndefined();
  });

  it('refuses a PUBLIC_URL that would make links that do not work, once per problem', () => {
    for (const value of [
      'crisis.example.org',
      'ftp://crisis.example.org',
      'https://crisis.example.org/exercise',
      'https://crisis.example.org/?x=1',
      'https://user:secret@crisis.example.org',
    ]) {
      const loaded = loadConfig({ PUBLIC_URL: value });
      expect(loaded.ok, value).toBe(false);
      if (!loaded.ok) {
        expect(loaded.problems, value).toHaveLength(1);
        expect(loaded.problems[0], value).toMatch(/^PUBLIC_URL: /);
      }
    }
  });
});
