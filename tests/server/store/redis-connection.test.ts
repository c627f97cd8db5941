import { expect, test } from 'vitest';
import { loadConfig } from '../../../server/config';
import { describeRedisTarget, parseRedisUrl } from '../../../server/store/redis-connection';

test('REDIS_URL names one Redis or a Redis Cluster by its seed nodes, credentials included', () => {
  expect(parseRedisUrl('redis://127.0.0.1:6379')).toEqual({ cluster: false, url: 'redis://127.0.0.1:6379' });
  expect(parseRedisUrl('redis+cluster://10.0.0.1:7000,10.0.0.2:7001, 10.0.0.3:7002')).toEqual({
    cluster: true,
    nodes: ['redis://10.0.0.1:7000', 'redis://10.0.0.2:7001', 'redis://10.0.0.3:7002'],
    tls: false,
  });
  expect(parseRedisUrl('rediss+cluster://ct:p%40ss@h1:7000/')).toEqual({
    cluster: true,
    nodes: ['rediss://h1:7000'],
    username: 'ct',
    password: 'p@ss',
    tls: true,
  });
  expect(parseRedisUrl('redis+cluster://:secret@h1:7000')).toMatchObject({ password: 'secret' });
  for (const wrong of ['redis+cluster://h1', 'redis+cluster://h1:7000,', 'http://h1:6379', 'not a url'])
    expect(parseRedisUrl(wrong), wrong).toHaveProperty('problem');
  expect(describeRedisTarget('redis://:secret@h1:6379')).not.toContain('secret');
  expect(describeRedisTarget('redis+cluster://:secret@h1:7000,h2:7001')).toBe(
    'the Redis Cluster seeded by redis://h1:7000, redis://h2:7001',
  );
});

test('the configuration accepts both forms and stops at a malformed cluster URL', () => {
  expect(loadConfig({ REDIS_URL: 'redis+cluster://127.0.0.1:7000,127.0.0.1:7001' }).ok).toBe(true);
  const wrong = loadConfig({ REDIS_URL: 'redis+cluster://127.0.0.1' });
  expect(wrong.ok).toBe(false);
  if (!wrong.ok)
    expect(wrong.problems.join('\n')).toMatch(/REDIS_URL: a redis\+cluster:\/\/ URL lists host:port/);
});
