import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('login rate limit', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_LIMIT: '3' } });
  });
  afterEach(async () => t.close());

  const attempt = (email: string) =>
    call<{ error: { code: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'guess' },
      headers: { 'accept-language': 'zh-CN' },
    });

  it('answers 429 rate_limited after too many attempts for one email from one IP', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt('victim@example.com')).status).toBe(401);
    const limited = await attempt('victim@example.com');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.response.headers['retry-after']).toBeDefined();
    // Another address from the same IP is counted separately.
    expect((await attempt('someone.else@example.com')).status).toBe(401);
  });
});
