import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorHeaders } from '../../../../test/support/actors.js';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../../../../test/support/chromium.js';
import { call, createTestApp, type TestApp } from '../../../../test/support/test-app.js';

const available = fs.existsSync(CHROMIUM_EXECUTABLE);
if (!available) {
  if (process.env.CI === 'true' || process.env.REQUIRE_BROWSER === '1')
    throw new Error(`${CHROMIUM_EXECUTABLE} is required here (apt-get install chromium fonts-noto-cjk)`);
  console.warn(`⚠ widget browser test skipped: no ${CHROMIUM_EXECUTABLE}`);
}

/** A shop's page on another origin that embeds the widget with one tag and asks for NPS after an event. */
function hostPage(server: string, lang: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Shop</title></head>
<body><h1>Order paid / 支付成功</h1>
<button id="done" type="button">finish</button>
<script src="${server}/widget.js" data-lang="${lang}" data-product="手机银行" async></script>
<script>
  document.getElementById('done').addEventListener('click', () =>
    window.Closeloop.survey({ kind: 'nps', event: 'payment_done', delayMs: 50 }));
</script></body></html>`;
}

function serveHostPage(html: () => string): Promise<{ server: http.Server; origin: string }> {
  return new Promise((resolve) => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html());
    });
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

describe.skipIf(!available)('widget in a real browser on another origin', () => {
  let t: TestApp;
  let browser: Browser;
  let apiOrigin: string;
  let allowed: { server: http.Server; origin: string };
  let other: { server: http.Server; origin: string };
  let lang = 'zh-CN';
  const shots = path.resolve('test-results/widget');

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_IP: '1000', PUBLIC_RATE_LIMIT_CONTACT: '1000' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    apiOrigin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    allowed = await serveHostPage(() => hostPage(apiOrigin, lang));
    other = await serveHostPage(() => hostPage(apiOrigin, 'en'));
    const admin = (await actorHeaders(t, { role: 'admin' })).headers;
    const put = await call(t.app, {
      method: 'PUT',
      url: '/api/v1/intake/widget',
      headers: admin,
      payload: { allowedOrigins: [allowed.origin], primaryColor: '#0a7f5a' },
    });
    expect(put.status).toBe(200);
    fs.mkdirSync(shots, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM_EXECUTABLE,
      args: CHROMIUM_ARGS,
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    allowed?.server.close();
    other?.server.close();
    await t?.close();
  });

  it('submits feedback cross-origin, shows field errors and then the ticket number (zh-CN)', async () => {
    lang = 'zh-CN';
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(allowed.origin);
    const widget = page.locator('[data-closeloop-widget]');
    await widget.getByRole('button', { name: '意见反馈' }).click();
    await widget.getByLabel('问题或建议').fill('手机银行转账一直提示系统繁忙，已经试了三次');
    await widget.getByLabel('邮箱').fill('li.na@example.cn');
    // Consent not given: the API's error appears next to the checkbox, in Chinese.
    await widget.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => widget.locator('#cl-consent-err').textContent()).toMatch(/同意/);
    await page.screenshot({ path: path.join(shots, 'widget-consent-error-zh.png') });

    await widget.getByLabel('我同意为处理本次反馈而收集和使用我的个人信息').check();
    await widget.getByRole('button', { name: '提交' }).click();
    const number = widget.locator('[data-ticket-number]');
    await number.waitFor();
    const ticket = (await number.textContent()) ?? '';
    await page.screenshot({ path: path.join(shots, 'widget-submitted-zh.png') });
    const row = await t.ctx.database.db
      .selectFrom('feedback')
      .select(['channel', 'product'])
      .where('number', '=', ticket)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'widget', product: '手机银行' });
    const link = await widget.getByRole('link', { name: '查看处理进度' }).getAttribute('href');
    expect(link).toBe(`${apiOrigin}/track/${ticket}`);
    await page.close();
  });

  it('shows the NPS prompt after the host page’s event and records the answer once (en)', async () => {
    lang = 'en';
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(allowed.origin);
    await page.waitForFunction(() => 'Closeloop' in window);
    await page.click('#done');
    const widget = page.locator('[data-closeloop-widget]');
    await widget.getByText('How likely are you to recommend us to a friend or colleague?').waitFor();
    await widget.getByRole('button', { name: '9', exact: true }).click();
    await widget.getByLabel('Anything else you would like to tell us? (optional)').fill('Quick and easy');
    await page.screenshot({ path: path.join(shots, 'widget-nps-en.png') });
    await widget.getByRole('button', { name: 'Send', exact: true }).click();
    await widget.getByText('Thank you for your rating!').waitFor();
    const rows = await t.ctx.database.db.selectFrom('survey_responses').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'nps', event: 'payment_done', comment: 'Quick and easy' });
    expect(Number(rows[0]?.score)).toBe(9);
    expect(rows[0]?.origin).toBe(allowed.origin);
    // Asked again for the same event: the answer is remembered, no second prompt.
    expect(
      await page.evaluate(() =>
        (window as unknown as { Closeloop: { survey(o: object): boolean } }).Closeloop.survey({
          kind: 'nps',
          event: 'payment_done',
        }),
      ),
    ).toBe(false);
    await page.close();
  });

  it('cannot submit from a page on an origin that is not allowed (CORS), and nothing is stored', async () => {
    const before = await t.ctx.database.db
      .selectFrom('feedback')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const page = await browser.newPage();
    await page.goto(other.origin);
    const widget = page.locator('[data-closeloop-widget]');
    await widget.getByRole('button', { name: 'Feedback' }).click();
    await widget.getByLabel('Your issue or suggestion').fill('This should never arrive');
    await widget.getByLabel('Email').fill('nobody@example.com');
    await widget
      .getByLabel('I agree that my personal data is collected and used to handle this feedback')
      .check();
    await widget.getByRole('button', { name: 'Send' }).click();
    await widget.getByText('Sending failed; please try again later.').waitFor();
    const after = await t.ctx.database.db
      .selectFrom('feedback')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    await page.close();
  });
});
