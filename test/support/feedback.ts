import type { FeedbackItem } from '../../shared/contracts/feedback.js';
import { call, type TestApp } from './test-app.js';

let counter = 0;

/** Creates an item through POST /api/v1/feedback and returns it (fails the test on any other status). */
export async function buildFeedback(
  t: TestApp,
  headers: Record<string, string>,
  overrides: Record<string, unknown> = {},
): Promise<FeedbackItem> {
  const n = ++counter;
  const res = await call<{ data: FeedbackItem }>(t.app, {
    method: 'POST',
    url: '/api/v1/feedback',
    headers,
    payload: { description: `Test feedback ${n}: the app crashes on login`, channel: 'email', ...overrides },
  });
  if (res.status !== 201) throw new Error(`buildFeedback failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

/** Posts a transition and returns the response. */
export function transition(
  t: TestApp,
  headers: Record<string, string>,
  id: string,
  body: Record<string, unknown>,
) {
  return call<{ data: FeedbackItem; error: { code: string; message: string } }>(t.app, {
    method: 'POST',
    url: `/api/v1/feedback/${id}/transitions`,
    headers,
    payload: body,
  });
}

export const CLOSURE = {
  rootCause: '系统升级导致登录接口超时',
  remedy: '回滚版本并补偿积分',
  prevention: '上线前增加压测',
};
