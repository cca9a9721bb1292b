import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEEDBACK_STATUSES, type FeedbackStatus } from '../../../shared/enums.js';
import { STATUS_TRANSITIONS } from '../../../shared/feedback/status-machine.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback, CLOSURE, transition } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

/** Shortest route of transitions from received to each status (without merging). */
const PATH_TO: Record<Exclude<FeedbackStatus, 'merged'>, FeedbackStatus[]> = {
  received: [],
  in_progress: ['in_progress'],
  resolved: ['resolved'],
  closed: ['closed'],
  reopened: ['closed', 'reopened'],
};

describe('feedback lifecycle over HTTP', () => {
  let t: TestApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await actorHeaders(t, { role: 'admin' })).headers;
  });
  afterAll(async () => t.close());

  async function itemIn(status: Exclude<FeedbackStatus, 'merged'>) {
    const item = await buildFeedback(t, admin);
    for (const to of PATH_TO[status]) {
      const res = await transition(t, admin, item.id, {
        to,
        ...(to === 'resolved' ? { closure: CLOSURE } : {}),
      });
      expect(res.status, `${to}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    return item;
  }

  const from = FEEDBACK_STATUSES.filter((s): s is Exclude<FeedbackStatus, 'merged'> => s !== 'merged');
  const allowed = from.flatMap((f) =>
    STATUS_TRANSITIONS[f].filter((to) => to !== 'merged').map((to) => [f, to] as const),
  );
  const illegal = from.flatMap((f) =>
    FEEDBACK_STATUSES.filter((to) => to !== 'merged' && !STATUS_TRANSITIONS[f].includes(to)).map(
      (to) => [f, to] as const,
    ),
  );

  it.each(allowed)('allows %s → %s and records it', async (f, to) => {
    const item = await itemIn(f);
    const res = await transition(t, admin, item.id, {
      to,
      reason: `because ${to}`,
      ...(to === 'resolved' ? { closure: CLOSURE } : {}),
    });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe(to);
    expect(res.body.data.allowedTransitions).toEqual(STATUS_TRANSITIONS[to].filter((s) => s !== 'merged'));
    if (to === 'resolved') expect(res.body.data.resolvedAt).not.toBeNull();
    if (to === 'closed') expect(res.body.data.closedAt).not.toBeNull();
    if (to === 'reopened' || to === 'in_progress') {
      expect(res.body.data.resolvedAt).toBeNull();
      expect(res.body.data.closedAt).toBeNull();
    }
    const events = await call<{ data: { type: string; from: string; to: string; reason: string }[] }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${item.id}/events`,
      headers: admin,
    });
    expect(events.body.data.at(-1)).toMatchObject({
      type: 'status_changed',
      from: f,
      to,
      reason: `because ${to}`,
    });
  });

  it.each(illegal)('refuses %s → %s with 409 invalid_transition', async (f, to) => {
    const item = await itemIn(f);
    const res = await transition(t, admin, item.id, {
      to,
      ...(to === 'resolved' ? { closure: CLOSURE } : {}),
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('invalid_transition');
    // The message names both statuses by their labels (the default language is English).
    expect(res.body.error.message).toBe(
      `A ticket in status "${f.replace('_', ' ')}" cannot move to "${to.replace('_', ' ')}".`,
    );
    const after = await call<{ data: { status: string; version: number } }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${item.id}`,
      headers: admin,
    });
    expect(after.body.data.status).toBe(f);
  });

  it('refuses to merge through the transition endpoint', async () => {
    const item = await itemIn('received');
    const res = await transition(t, admin, item.id, { to: 'merged' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('invalid_transition');
  });

  it('requires a closure letter to resolve, and keeps it in the history', async () => {
    const item = await itemIn('in_progress');
    const missing = await transition(t, admin, item.id, { to: 'resolved' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('closure_required');
    const partial = await transition(t, admin, item.id, { to: 'resolved', closure: { rootCause: 'x' } });
    expect(partial.status).toBe(400);
    expect(partial.body.error.code).toBe('validation_failed');

    const ok = await transition(t, admin, item.id, { to: 'resolved', closure: CLOSURE });
    expect(ok.status).toBe(200);
    const events = await call<{ data: { type: string; data: { closure?: unknown } | null }[] }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${item.id}/events`,
      headers: admin,
    });
    expect(events.body.data.at(-1)?.data?.closure).toEqual(CLOSURE);
  });

  it('answers 400 validation_failed for an unknown status or field', async () => {
    const item = await itemIn('received');
    const bad = await transition(t, admin, item.id, { to: 'done' });
    expect(bad.status).toBe(400);
    const extra = await transition(t, admin, item.id, { to: 'in_progress', force: true });
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('validation_failed');
  });
});
