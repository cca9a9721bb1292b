import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('feedback endpoints in the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('documents every feedback route with its tag, summary and request schema', async () => {
    const res = await call<{
      paths: Record<
        string,
        Record<
          string,
          { tags?: string[]; summary?: string; requestBody?: unknown; parameters?: { name: string }[] }
        >
      >;
    }>(t.app, { method: 'GET', url: '/api/openapi.json' });
    expect(res.status).toBe(200);
    const expected: [string, string][] = [
      ['/api/v1/feedback', 'post'],
      ['/api/v1/feedback', 'get'],
      ['/api/v1/feedback/{id}', 'get'],
      ['/api/v1/feedback/{id}', 'patch'],
      ['/api/v1/feedback/{id}/transitions', 'post'],
      ['/api/v1/feedback/{id}/assign', 'post'],
      ['/api/v1/feedback/{id}/messages', 'get'],
      ['/api/v1/feedback/{id}/messages', 'post'],
      ['/api/v1/feedback/{id}/events', 'get'],
      ['/api/v1/feedback/{id}/tags', 'put'],
      ['/api/v1/feedback/{id}/shares', 'post'],
      ['/api/v1/feedback/{id}/shares/{departmentId}', 'delete'],
      ['/api/v1/feedback/{id}/merge', 'post'],
      ['/api/v1/tags', 'get'],
      ['/api/v1/tags', 'post'],
    ];
    for (const [path, method] of expected) {
      const op = res.body.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op?.tags).toEqual(['feedback']);
      expect(op?.summary).toEqual(expect.any(String));
    }
    expect(res.body.paths['/api/v1/feedback']?.post?.requestBody).toBeDefined();
    expect(res.body.paths['/api/v1/feedback']?.post?.parameters?.map((p) => p.name)).toContain(
      'idempotency-key',
    );
    expect(res.body.paths['/api/v1/feedback']?.get?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['status', 'tag', 'q', 'sort', 'cursor', 'limit']),
    );
  });
});
