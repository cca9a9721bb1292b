import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, logIn, shot, test } from './fixtures.js';

/** The rating link of the "resolved" notice mailed to `to` (waits for the real SMTP server to receive it). */
async function mailedRatingLink(to: string, number: string, timeoutMs = 20_000): Promise<URL> {
  const dir = process.env.CL_MAIL_DIR ?? '';
  const pattern = new RegExp(`https?://\\S+/rate/${number}\\?t=[A-Za-z0-9_-]+`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort().reverse() : [];
    for (const f of files) {
      const [rcpt, ...body] = fs.readFileSync(path.join(dir, f), 'utf8').split('\n');
      const link = pattern.exec(body.join('\n'))?.[0];
      if (link && rcpt?.split(',').includes(to)) return new URL(link);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no rating link mailed to ${to} for ${number}`);
}

/** The customer writes in on the portal (with an email address, so the notices are mailed). */
async function submit(page: Page, email: string, text: string): Promise<string> {
  await page.goto('/portal');
  await page.getByLabel('发生了什么？').fill(text);
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('我同意为处理本次反馈而使用我的联系方式和留言内容。').check();
  await page.getByRole('button', { name: '提交反馈' }).click();
  const number = (await page.getByTestId('ticket-number').textContent())?.trim() ?? '';
  expect(number).toMatch(/^FB-\d{8}-\d{6}$/);
  return number;
}

/** An agent (the admin, in another browser) resolves the ticket with a closure letter; returns its id. */
async function agentResolves(browser: Browser, number: string): Promise<string> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const agent = await context.newPage();
  await logIn(agent, { email: '邮箱', password: '密码', submit: '登录' });
  await expect(agent).toHaveURL(/\/inbox$/);
  await agent.getByRole('link', { name: number }).click();
  await expect(agent.getByTestId('ticket-number')).toContainText(number);
  const id = /\/tickets\/([^/?]+)/.exec(agent.url())?.[1] ?? '';
  await agent.getByRole('button', { name: '变更为“已解决”' }).click();
  await agent.getByLabel('问题原因').fill('快递员把包裹错放到了隔壁楼栋的快递柜。');
  await agent.getByLabel('处理措施或补偿').fill('已找回包裹并送到您家门口，另赠 20 元优惠券。');
  await agent.getByLabel('预防措施').fill('派送时须拍摄门牌号照片。');
  await agent.getByRole('button', { name: '提交结案书并标记已解决' }).click();
  await expect(agent.locator('[data-transition="reopened"]')).toBeVisible();
  await context.close();
  return id;
}

async function statusOf(browser: Browser, id: string): Promise<string> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const admin = await context.newPage();
  await logIn(admin, { email: '邮箱', password: '密码', submit: '登录' });
  await expect(admin).toHaveURL(/\/inbox$/);
  const res = await admin.request.get(`/api/v1/feedback/${id}`);
  const status = ((await res.json()) as { data: { status: string } }).data.status;
  await context.close();
  return status;
}

test.describe('the signed rating link of the "resolved" mail', () => {
  test.use({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });

  test('opened from the mail without logging in: closure letter, printable letter, rate 4 → closed', async ({
    page,
    browser,
  }) => {
    const email = 'rate.link.zh@example.com';
    const number = await submit(page, email, '快递显示已签收，但我家门口没有任何包裹。');
    const id = await agentResolves(browser, number);
    const link = await mailedRatingLink(email, number);

    // A fresh browser (no session, no tracking code): the link alone opens the page.
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const customer = await context.newPage();
    await customer.goto(`${link.pathname}${link.search}`);
    await expect(customer.getByRole('heading', { level: 1 })).toHaveText(`工单 ${number}`);
    await expect(customer.getByTestId('rate-status')).toHaveText('已解决，待您确认');
    const letter = customer.locator('.closure-letter');
    await expect(letter).toContainText('结案书');
    await expect(letter).toContainText('错放到了隔壁楼栋');
    const printable = customer.getByTestId('printable-letter');
    await expect(printable).toHaveText('打开可打印的结案书');
    const html = await customer.request.get((await printable.getAttribute('href')) ?? '');
    expect(html.status()).toBe(200);
    expect(html.headers()['content-type']).toContain('text/html');
    expect(await html.text()).toContain(number);

    const form = customer.locator('.rating-form');
    await customer.getByRole('button', { name: '提交评价' }).click();
    await expect(customer.locator('#score-error')).toHaveText('请选择 1 到 5 分的评分。');
    await form.getByLabel('4 分').check();
    await form.getByLabel('评价内容（可选）').fill('包裹找回来了，谢谢。');
    await shot(customer, 'rating-link-form-zh');
    await customer.getByRole('button', { name: '提交评价' }).click();
    await expect(customer.getByTestId('rating-outcome')).toHaveText('感谢您的评价，工单已关闭。');
    await expect(customer.locator('.rating-form')).toHaveCount(0);
    await expect(customer.getByTestId('rate-status')).toHaveText('已闭环');
    await shot(customer, 'rating-link-done-zh');
    expect(await statusOf(browser, id)).toBe('closed');

    // Opened again later: nothing left to rate, said in the user's language.
    await customer.reload();
    await expect(customer.getByTestId('rate-status')).toHaveText('已闭环');
    await expect(customer.getByRole('status')).toHaveText('该工单目前无需评价。');
    await expect(customer.locator('.rating-form')).toHaveCount(0);
    await context.close();
  });

  test('a rating of 2 through the link reopens the ticket; the old link then says it is superseded', async ({
    page,
    browser,
  }) => {
    const email = 'rate.link.reopen@example.com';
    const number = await submit(page, email, '柜台工作人员态度冷淡，问题也没有解决。');
    const id = await agentResolves(browser, number);
    const link = await mailedRatingLink(email, number);

    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
    const customer = await context.newPage();
    await customer.goto(`${link.pathname}${link.search}`);
    await expect(customer.getByTestId('rate-status')).toHaveText('Resolved, awaiting your confirmation');
    await expect(customer.getByTestId('printable-letter')).toHaveText('Open the closure letter for printing');
    const form = customer.locator('.rating-form');
    await form.getByLabel('2 – Dissatisfied').check();
    await expect(form.locator('.alert.info')).toContainText('reopen');
    await customer.getByRole('button', { name: 'Send my rating' }).click();
    await expect(customer.getByTestId('rating-outcome')).toHaveText(
      'Thank you. We have reopened your ticket and will get back to you.',
    );
    await expect(customer.locator('.rating-form')).toHaveCount(0);
    expect(await statusOf(browser, id)).toBe('reopened');

    // The same link again: the API's error, in English, then in Chinese after switching the language.
    await customer.reload();
    const alert = customer.locator('.alert.error');
    await expect(alert).toHaveAttribute('data-code', 'rating_link_superseded');
    await expect(alert).toHaveText(
      'This link belongs to an earlier resolution of the ticket; please use the link from our latest email.',
    );
    await customer.getByTestId('language').selectOption('zh-CN');
    await expect(alert).toHaveText('该链接对应的是此前的一次处理结果，请使用我们最近一封邮件中的链接。');
    await shot(customer, 'rating-link-superseded-zh');
    await context.close();
  });

  test("a forged or missing token is refused in the user's language", async ({ page }) => {
    await page.goto('/rate/FB-20260101-000001?t=forged-token');
    const alert = page.locator('.alert.error');
    await expect(alert).toHaveAttribute('data-code', 'rating_link_invalid');
    await expect(alert).toHaveText('该评价链接无效。请使用我们最近一封邮件中的链接，或通过查询页面评价。');
    await expect(page.locator('.rating-form')).toHaveCount(0);
    await page.goto('/rate/FB-20260101-000001');
    await expect(page.getByRole('alert')).toHaveText('链接不完整，请打开邮件中的完整链接。');
  });
});
