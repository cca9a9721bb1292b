import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const REDIS_TEST_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** CI (or REQUIRE_REDIS=1) must run the Redis tests: an unreachable Redis fails them instead of skipping. */
export const REDIS_REQUIRED = process.env.CI === 'true' || process.env.REQUIRE_REDIS === '1';

/** Whether Redis answers a PING, tried once and quickly (no reconnect loop). */
export async function redisAnswers(url = REDIS_TEST_URL): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** A key prefix no other test (or running instance) uses. */
export function randomRedisPrefix(): string {
  return `cl-test-${randomBytes(6).toString('hex')}`;
}

/** Deletes every key under `prefix` (call after the queues using it are stopped). */
export async function deleteRedisKeys(prefix: string, url = REDIS_TEST_URL): Promise<void> {
  const client = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await client.quit();
  }
}
