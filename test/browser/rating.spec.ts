import type { Browser, Page } from '@playwright/test';
import { expect, logIn, mailedCode, shot, test } from './fixtures.js';

interface Words {
  lang: string;
  portal: { description: string; email: string; consent: string; submit: string };
  track: { contact: string; sendCode: string; code: string; open: string };
  agent: {
    login: { email: string; password: string; submit: string };
    resolve: string;
    rootCause: string;
    remedy: string;
    prevention: string;
    submit: string;
  };
  rating: { title: string; score: (n: number) => string; comment: string; submit: string; required: string };
  closure: string;
}

/** The customer submits on the portal and opens the tracking view with the code that came by mail. */
async function submitAndTrack(page: Page, w: Words, email: string, text: string): Promise<string> {
  await page.goto('/portal');
  await page.getByLabel(w.portal.description).fill(text);
  await page.getByLabel(w.portal.email).fill(email);
  await page.getByLabel(w.portal.consent).check();
  await page.getByRole('button', { name: w.portal.submit }).click();
  const number = (await page.getByTestId('ticket-number').textContent())?.trim() ?? '';
  expect(number).toMatch(/^FB-\d{8}-\d{6}$/);
  await page.getByTestId('tracking-link').click();
  await page.getByLabel(w.track.contact).fill(email);
  await page.getByRole('button', { name: w.track.sendCode }).click();
  await page.getByLabel(w.track.code).fill(await mailedCode(email));
  await page.getByRole('button', { name: w.track.open }).click();
  await expect(page.getByTestId('tracked-ticket')).toContainText(number);
  // Not resolved yet: nothing to rate.
  await expect(page.getByRole('heading', { name: w.rating.title })).toHaveCount(0);
  return number;
}

/** An agent (the admin, in another browser) resolves the ticket with a closure letter. */
async function agentResolves(browser: Browser, w: Words, number: string, locale: string): Promise<string> {
  const context = await browser.newContext({ locale });
  const agent = await context.newPage();
  await logIn(agent, w.agent.login);
  await expect(agent).toHaveURL(/\/inbox$/);
  await agent.getByRole('link', { name: number }).click();
  await expect(agent.getByTestId('ticket-number')).toContainText(number);
  const id = /\/tickets\/([^/?]+)/.exec(agent.url())?.[1] ?? '';
  await agent.getByRole('button', { name: w.agent.resolve }).click();
  await agent.getByLabel(w.agent.rootCause).fill('网点叫号系统在高峰时段未开放全部窗口。');
  await agent.getByLabel(w.agent.remedy).fill('已增开两个窗口，并向您致歉。');
  await agent.getByLabel(w.agent.prevention).fill('高峰时段由值班经理每小时检查排队人数。');
  await agent.getByRole('button', { name: w.agent.submit }).click();
  await expect(agent.locator('[data-transition="reopened"]')).toBeVisible();
  await context.close();
  return id;
}

async function statusOf(page: Page, id: string): Promise<string> {
  // Read back as the agent would see it (the admin's own API session).
  const res = await page.request.get(`/api/v1/feedback/${id}`);
  return ((await res.json()) as { data: { status: string } }).data.status;
}

const zh: Words = {
  lang: 'zh',
  portal: {
    description: '发生了什么？',
    email: '邮箱',
    consent: '我同意为处理本次反馈而使用我的联系方式和留言内容。',
    submit: '提交反馈',
  },
  track: { contact: '邮箱或手机号码', sendCode: '发送验证码', code: '6 位验证码', open: '查看工单' },
  agent: {
    login: { email: '邮箱', password: '密码', submit: '登录' },
    resolve: '变更为“已解决”',
    rootCause: '问题原因',
    remedy: '处理措施或补偿',
    prevention: '预防措施',
    submit: '提交结案书并标记已解决',
  },
  rating: {
    title: '您对本次处理结果满意吗？',
    score: (n) => `${n} 分`,
    comment: '评价内容（可选）',
    submit: '提交评价',
    required: '请选择 1 到 5 分的评分。',
  },
  closure: '结案书',
};

const en: Words = {
  lang: 'en',
  portal: {
    description: 'What happened?',
    email: 'Email',
    consent: 'I agree that my contact details and message are processed to handle this feedback.',
    submit: 'Send feedback',
  },
  track: {
    contact: 'Email or mobile number',
    sendCode: 'Send me a code',
    code: '6-digit code',
    open: 'Show my ticket',
  },
  agent: {
    login: { email: 'Email', password: 'Password', submit: 'Sign in' },
    resolve: 'Move to “Resolved”',
    rootCause: 'Root cause',
    remedy: 'Remedy or compensation',
    prevention: 'Prevention',
    submit: 'Resolve with this letter',
  },
  rating: {
    title: 'Are you satisfied with how we resolved this?',
    score: (n) => `${n} –`,
    comment: 'Comment (optional)',
    submit: 'Send my rating',
    required: 'Choose a rating from 1 to 5.',
  },
  closure: 'Closure letter',
};

test.describe('portal rating in Simplified Chinese', () => {
  test.use({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });

  test('portal submit → track with the mailed code → agent resolves with a closure letter → customer rates 5, the ticket closes', async ({
    page,
    browser,
  }) => {
    const email = 'rating.zh@example.com';
    const number = await submitAndTrack(page, zh, email, '网点排队太久，只开了一个窗口，等了一个半小时。');
    const id = await agentResolves(browser, zh, number, 'zh-CN');

    // The customer's view after the resolution: the closure letter first, then the rating form.
    await page.reload();
    const letter = page.locator('.closure-letter');
    await expect(letter).toContainText(zh.closure);
    await expect(letter).toContainText('增开两个窗口');
    const form = page.locator('.rating-form');
    await expect(form.getByRole('heading', { name: zh.rating.title })).toBeVisible();
    expect(
      await page.evaluate(() => {
        const l = document.querySelector('.closure-letter');
        const f = document.querySelector('.rating-form');
        return Boolean(l && f && l.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING);
      }),
    ).toBe(true);

    // No score chosen: said next to the scores.
    await page.getByRole('button', { name: zh.rating.submit }).click();
    await expect(page.locator('#score-error')).toHaveText(zh.rating.required);
    await form.getByLabel(zh.rating.score(5)).check();
    await form.getByLabel(zh.rating.comment).fill('处理及时，态度很好。');
    await shot(page, 'rating-form-zh');
    await page.getByRole('button', { name: zh.rating.submit }).click();
    await expect(page.getByTestId('rating-outcome')).toHaveText('感谢您的评价，工单已关闭。');
    await expect(page.locator('.rating-form')).toHaveCount(0);
    await shot(page, 'rating-done-zh');

    // The server has it: the ticket is closed.
    const admin = await browser.newContext({ locale: 'zh-CN' });
    const adminPage = await admin.newPage();
    await logIn(adminPage, zh.agent.login);
    await expect(adminPage).toHaveURL(/\/inbox$/);
    expect(await statusOf(adminPage, id)).toBe('closed');
    await admin.close();
  });
});

test.describe('portal rating in English', () => {
  test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

  test('a rating of 2 reopens the resolved ticket', async ({ page, browser }) => {
    const email = 'rating.en@example.com';
    const number = await submitAndTrack(page, en, email, 'My card was charged twice for one online order.');
    const id = await agentResolves(browser, en, number, 'en-GB');

    await page.reload();
    await expect(page.locator('.closure-letter')).toContainText(en.closure);
    const form = page.locator('.rating-form');
    await form.getByLabel(en.rating.score(2)).check();
    await expect(form.locator('.alert.info')).toContainText('reopen');
    await form.getByLabel(en.rating.comment).fill('I still have not received the refund.');
    await page.getByRole('button', { name: en.rating.submit }).click();
    await expect(page.getByTestId('rating-outcome')).toHaveText(
      'Thank you. We have reopened your ticket and will get back to you.',
    );
    await expect(page.locator('.rating-form')).toHaveCount(0);
    await shot(page, 'rating-reopened-en');

    const admin = await browser.newContext({ locale: 'en-GB' });
    const adminPage = await admin.newPage();
    await logIn(adminPage, en.agent.login);
    await expect(adminPage).toHaveURL(/\/inbox$/);
    expect(await statusOf(adminPage, id)).toBe('reopened');
    // The agent's customer panel shows the rating in the customer's history.
    await adminPage.goto(`/tickets/${id}`);
    const ratings = adminPage.getByTestId('customer-ratings');
    await expect(ratings).toContainText(number);
    await expect(ratings.getByRole('img', { name: '2 of 5' })).toBeVisible();
    await expect(ratings).toContainText('I still have not received the refund.');
    await expect(adminPage.getByTestId('rating-average')).toContainText('Average 2 of 5 over 1 ratings');
    await admin.close();
  });
});
