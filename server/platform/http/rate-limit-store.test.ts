import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REDIS_REQUIRED,
  REDIS_TEST_URL,
  randomRedisPrefix,
  redisAnswers,
} from '../../../test/support/redis.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

const reachable = await redisAnswers();
if (!reachable && REDIS_REQUIRED)
  throw new Error(`Redis is required here but not reachable at ${REDIS_TEST_URL}`);
if (!reachable) console.warn(`⚠ shared rate-limit test skipped: no Redis at ${REDIS_TEST_URL}`);

describe.skipIf(!reachable)('rate limits shared between web processes through Redis', () => {
  const prefix = randomRedisPrefix();
  const env = { REDIS_URL: REDIS_TEST_URL, PUBLIC_RATE_LIMIT_IP: '2' };
  let first: TestApp;
  let second: TestApp;
  let other: TestApp;
  beforeAll(async () => {
    first = await createTestApp({ env, redisPrefix: prefix });
    second = await createTestApp({ env, redisPrefix: prefix });
    other = await createTestApp({ env, redisPrefix: randomRedisPrefix() });
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close(), other?.close()]);
  });

  const answer = (t: TestApp) =>
    call<{ error?: { code: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/public/surveys/responses',
      payload: { kind: 'csat', score: 4 },
    });

  it('counts one client’s requests across processes, and keeps deployments apart', async () => {
    expect((await answer(first)).status).toBe(201);
    expect((await answer(second)).status).toBe(201);
    const third = await answer(first);
    expect(third.status).toBe(429);
    expect(third.body.error?.code).toBe('rate_limited');
    expect((await answer(second)).status).toBe(429);
    // Another deployment (key prefix) on the same Redis has its own counters.
    expect((await answer(other)).status).toBe(201);
  });
});
