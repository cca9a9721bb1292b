import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

/** A stand-in for `vite build` output: what the server must do with it does not depend on the bundle. */
function writeDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeloop-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body><div id="root"></div></body></html>',
  );
  fs.writeFileSync(path.join(dir, 'assets', 'index-AbC123.js'), 'console.log("app");');
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

describe('web app served at /', () => {
  let t: TestApp;
  let dist: string;
  beforeAll(async () => {
    dist = writeDist();
    t = await createTestApp({ env: { WEB_DIST_DIR: dist } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('answers / and client routes with index.html, no-cache, under a CSP without inline script', async () => {
    for (const url of ['/', '/inbox', '/tickets/0190-abc?x=1', '/portal']) {
      const res = await call<string>(t.app, { method: 'GET', url });
      expect(res.status, `${url} ${res.response.body}`).toBe(200);
      expect(res.response.headers['content-type']).toMatch(/^text\/html/);
      expect(res.response.body).toContain('<div id="root"></div>');
      expect(res.response.headers['cache-control']).toBe('no-cache');
      const csp = String(res.response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
    }
  });

  it('serves hashed assets with a one-year immutable cache', async () => {
    const res = await call(t.app, { method: 'GET', url: '/assets/index-AbC123.js' });
    expect(res.status).toBe(200);
    expect(res.response.headers['content-type']).toMatch(/javascript/);
    expect(res.response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.response.body).toBe('console.log("app");');
  });

  it('keeps 404s for missing assets and unknown API paths (JSON, in the caller language)', async () => {
    const asset = await call(t.app, { method: 'GET', url: '/assets/missing-123.js' });
    expect(asset.status).toBe(404);
    expect(asset.response.body).not.toContain('<div id="root">');
    const api = await call<{ error: { code: string; message: string } }>(t.app, {
      method: 'GET',
      url: '/api/v1/no-such-thing',
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('route_not_found');
    expect(api.body.error.message).toContain('接口不存在');
    const health = await call<{ status?: string }>(t.app, { method: 'GET', url: '/api/health' });
    expect(health.status).toBe(200);
    expect(health.response.headers['content-type']).toMatch(/json/);
  });

  it('serves other top-level files of the build', async () => {
    const res = await call(t.app, { method: 'GET', url: '/favicon.svg' });
    expect(res.status).toBe(200);
    expect(res.response.headers['content-type']).toMatch(/svg/);
  });
});

describe('web app not built', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { WEB_DIST_DIR: path.join(os.tmpdir(), 'closeloop-no-such-dist') } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers a bilingual page that says how to build it, and the API still works', async () => {
    const res = await call(t.app, { method: 'GET', url: '/inbox' });
    expect(res.status).toBe(503);
    expect(res.response.body).toContain('npm run build');
    expect(res.response.body).toContain('网页应用尚未构建');
    const api = await call(t.app, { method: 'GET', url: '/api/v1/feedback' });
    expect(api.status).toBe(401);
  });
});
