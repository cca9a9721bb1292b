import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type TestApp } from '../../test/support/test-app.js';
import { DEMO_PASSWORD, DemoDataExistsError, demoEmail, seedDemo } from './seed-demo.js';

interface ListBody {
  data: { status: string; department: { code: string } | null; tags: string[]; language: string | null }[];
  nextCursor: string | null;
}

async function login(t: TestApp, email: string): Promise<Record<string, string>> {
  const res = await call(t.app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: DEMO_PASSWORD },
  });
  expect(res.status).toBe(200);
  const cookie = res.response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return { cookie };
}

describe('seedDemo', () => {
  let t: TestApp;
  let progress: [number, number][];

  beforeAll(async () => {
    t = await createTestApp();
    progress = [];
    // Templates only: the product must seed without ../shared/data.
    await seedDemo(t.ctx, { items: 40, sampleDataDir: null, onProgress: (d, n) => progress.push([d, n]) });
  }, 120_000);
  afterAll(() => t.close());

  it('reports progress up to the total', () => {
    expect(progress.at(-1)).toEqual([40, 40]);
  });

  it('creates items across statuses, languages and tags, visible through the API to a supervisor', async () => {
    const headers = await login(t, demoEmail('aftersales.lead'));
    const res = await call<ListBody>(t.app, { method: 'GET', url: '/api/v1/feedback?limit=200', headers });
    expect(res.status).toBe(200);
    const items = res.body.data;
    expect(items).toHaveLength(40);
    expect(new Set(items.map((i) => i.status)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(items.map((i) => i.language))).toEqual(new Set(['zh', 'en']));
    expect(items.every((i) => i.tags.length > 0 && i.department !== null)).toBe(true);
  });

  it('scopes an agent to their department', async () => {
    const headers = await login(t, demoEmail('support.agent1'));
    const res = await call<ListBody>(t.app, { method: 'GET', url: '/api/v1/feedback?limit=200', headers });
    expect(res.status).toBe(200);
    expect(res.body.data.every((i) => i.department?.code === 'tech_support')).toBe(true);
  });

  it('records history and outbox events through the commands', async () => {
    const db = t.ctx.database.db;
    const count = async (table: 'feedback_events' | 'outbox' | 'feedback_messages' | 'canned_responses') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('feedback_events')).toBeGreaterThan(40);
    expect(await count('outbox')).toBeGreaterThan(40);
    expect(await count('feedback_messages')).toBeGreaterThan(40);
    expect(await count('canned_responses')).toBe(4);
  });

  it('refuses to run twice and does not duplicate anything', async () => {
    await expect(seedDemo(t.ctx, { items: 5, sampleDataDir: null })).rejects.toBeInstanceOf(
      DemoDataExistsError,
    );
    const db = t.ctx.database.db;
    const departments = await db.selectFrom('departments').select('code').execute();
    expect(departments).toHaveLength(4);
    const items = await db
      .selectFrom('feedback')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(items.n)).toBe(40);
  });
});
