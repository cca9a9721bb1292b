import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorHeaders } from './support/actors.js';
import { call, createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let headers: Record<string, string>;

type ErrorBody = { error: { code: string; message: string; details?: unknown } };

beforeAll(async () => {
  t = await createTestApp({ env: { BODY_LIMIT_BYTES: '4096' } });
  headers = (await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales', via: 'api_key' })).headers;
});
afterAll(async () => {
  await t.close();
});

async function countItems(): Promise<number> {
  const rows = await t.ctx.database.db.selectFrom('feedback').select('id').execute();
  return rows.length;
}

function post(payload: string | Buffer, extra: Record<string, string> = {}) {
  return call<ErrorBody>(t.app, {
    method: 'POST',
    url: '/api/v1/feedback',
    headers: { ...headers, 'content-type': 'application/json', ...extra },
    payload,
  });
}

describe('every class of bad input gets a 4xx with a code, never a 500, never a partial write', () => {
  it('malformed JSON → 400 invalid_json', async () => {
    const r = await post('{"description": "x",');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_json');
  });

  it('invalid UTF-8 → 400 invalid_utf8 (bytes are not silently replaced)', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"description":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    const r = await post(bytes);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_utf8');
  });

  it('oversized body → 413 body_too_large', async () => {
    const r = await post(
      JSON.stringify({ description: 'x'.repeat(10_000), customer: { email: 'a@example.com' } }),
    );
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('body_too_large');
  });

  it('wrong types → 400 validation_failed with the field path', async () => {
    const r = await post(JSON.stringify({ description: 42, customer: { email: 'a@example.com' } }));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(r.body.error.details)).toContain('description');
  });

  it('unknown fields → 400 validation_failed', async () => {
    const r = await post(
      JSON.stringify({ description: 'hello', customer: { email: 'a@example.com' }, hacker: 1 }),
    );
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(r.body.error.details)).toContain('hacker');
  });

  it('empty body → 400 and unsupported content type → 415', async () => {
    const empty = await post('');
    expect(empty.status).toBe(400);
    const xml = await post('<x/>', { 'content-type': 'application/xml' });
    expect(xml.status).toBe(415);
    expect(xml.body.error.code).toBe('unsupported_media_type');
  });

  it('prototype pollution attempts are refused', async () => {
    const r = await post('{"description":"x","__proto__":{"admin":true}}');
    expect(r.status).toBe(400);
  });

  it('none of the refused requests wrote anything', async () => {
    expect(await countItems()).toBe(0);
  });

  it('answers in Chinese when asked (Accept-Language: zh-CN)', async () => {
    const r = await post('{"description":', { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(r.body.error.code).toBe('invalid_json');
    expect(r.body.error.message).toBe('请求体不是合法的 JSON。');
    const v = await post(JSON.stringify({ description: 42 }), { 'accept-language': 'zh-CN' });
    expect(v.body.error.message).toBe('请求内容不合法。');
    expect(JSON.stringify(v.body.error.details)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('unknown routes → 404 route_not_found in the error shape', async () => {
    const r = await call<ErrorBody>(t.app, { method: 'GET', url: '/api/v1/nope' });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('route_not_found');
  });

  it('anonymous access to agent endpoints → 401 unauthenticated', async () => {
    const r = await call<ErrorBody>(t.app, { method: 'GET', url: '/api/v1/feedback' });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('unauthenticated');
  });
});

describe('health and API documents', () => {
  it('reports database kind, migration state and SQLite modes', async () => {
    const r = await call<{
      status: string;
      database: { kind: string; migrations: { pending: string[] }; settings: Record<string, unknown> };
    }>(t.app, { method: 'GET', url: '/api/health' });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ok');
    expect(r.body.database.kind).toBe(t.database.kind);
    expect(r.body.database.migrations.pending).toEqual([]);
    if (t.database.kind === 'sqlite') {
      expect(r.body.database.settings).toMatchObject({ journalMode: 'wal', synchronous: 'FULL' });
    }
  });

  it('serves the OpenAPI document with the feedback endpoints, and the docs page', async () => {
    const doc = await call<{ openapi: string; paths: Record<string, unknown> }>(t.app, {
      method: 'GET',
      url: '/api/openapi.json',
    });
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/feedback',
      '/api/v1/feedback/{id}',
      '/api/v1/auth/login',
      '/api/v1/customers',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });
});
