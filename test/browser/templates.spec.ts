import fs from 'node:fs';
import path from 'node:path';
import { expect, logIn, shot, test } from './fixtures.js';

test.use({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });

/** The text of the first mail the real SMTP server received for `to` (waits for it). */
async function mailTo(to: string, timeoutMs = 20_000): Promise<string> {
  const dir = process.env.CL_MAIL_DIR ?? '';
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const f of fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []) {
      const [rcpt, ...body] = fs.readFileSync(path.join(dir, f), 'utf8').split('\n');
      if (rcpt?.split(',').includes(to)) return body.join('\n');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${to}`);
}

test('admin edits and previews the zh "accepted" email template and creates a macro; an agent applies it on a ticket', async ({
  page,
}) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  await logIn(page, { email: '邮箱', password: '密码', submit: '登录' });
  await expect(page).toHaveURL(/\/inbox$/);

  // 1. The "accepted" email in Chinese: default shown, edited, previewed with sample values, saved.
  await page.goto('/admin?section=templates');
  const notices = page.getByTestId('notice-templates');
  await expect(notices.getByRole('heading', { name: '客户消息模板' })).toBeVisible();
  await expect(page.getByTestId('template-kind')).toHaveValue('accepted');
  await expect(page.getByTestId('template-channel')).toHaveValue('email');
  await expect(page.getByTestId('template-locale')).toHaveValue('zh-CN');
  await expect(page.getByTestId('template-state')).toHaveText('默认文本');
  await expect(page.getByTestId('template-subject')).toHaveValue('[{{number}}] 我们已受理您的反馈');
  await expect(page.getByTestId('template-body')).toHaveValue(/工单号为 \{\{number\}\}/);

  // An unknown variable is refused with the API's message in Chinese.
  await page.getByTestId('template-body').fill('您好 {{customer.name}}，工单 {{number}}');
  await page.getByTestId('template-preview-button').click();
  await expect(notices.getByRole('alert')).toContainText('模板中有未知变量：{{customer.name}}');

  await page.getByTestId('template-subject').fill('【示例银行】已受理您的反馈 {{number}}');
  await page
    .getByTestId('template-body')
    .fill('尊敬的客户：\n您的反馈已登记，工单号 {{number}}。\n进度查询：{{trackingUrl}}');
  await page.getByTestId('template-preview-button').click();
  const preview = page.getByTestId('template-preview');
  await expect(preview).toContainText('【示例银行】已受理您的反馈 FB-20261123-000042');
  await expect(preview).toContainText('进度查询：https://example.com/track/FB-20261123-000042');
  await shot(page, 'templates-preview-zh');
  await page.getByTestId('template-save').click();
  await expect(page.getByTestId('template-state')).toContainText('已自定义');

  // 2. A macro "已解决-退款": adds a tag and moves the ticket to in progress.
  const canned = page.getByTestId('canned-responses');
  const form = page.getByTestId('canned-form');
  await form.getByLabel('标题（中文）').fill('已解决-退款');
  await form.getByLabel('标题（英文）').fill(`Refund done ${suffix}`);
  await form
    .getByLabel('正文（中文）')
    .fill('{{customer.name}}您好，工单 {{ticket.number}} 的退款已办理，请留意到账。');
  await form
    .getByLabel('正文（英文）')
    .fill('Dear {{customer.name}}, the refund for {{ticket.number}} is done.');
  await form.getByLabel('设置状态').selectOption('in_progress');
  await form.getByLabel('添加标签（逗号分隔）').fill(`退款/已办理${suffix}`);
  await form.getByTestId('canned-save').click();
  const row = canned.locator('tr[data-title="已解决-退款"]');
  await expect(row).toContainText('状态 → 处理中');
  await expect(row).toContainText(`添加标签：退款/已办理${suffix}`);

  // 3. An agent of a department and a ticket there, whose Chinese-speaking customer gets the new text.
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { data: { csrfToken: string } };
  const headers = { 'x-csrf-token': me.data.csrfToken };
  const dept = await page.request.post('/api/v1/departments', {
    headers,
    data: { code: `refunds_${suffix}`, nameZh: `退款组 ${suffix}`, nameEn: `Refunds ${suffix}` },
  });
  expect(dept.status(), await dept.text()).toBe(201);
  const departmentId = ((await dept.json()) as { data: { id: string } }).data.id;
  const agentEmail = `agent.${suffix}@closeloop.test`;
  const user = await page.request.post('/api/v1/users', {
    headers,
    data: { email: agentEmail, name: '李娜', password: 'agent-password-1', role: 'agent', departmentId },
  });
  expect(user.status(), await user.text()).toBe(201);
  const customerEmail = `chen.${suffix}@example.cn`;
  const created = await page.request.post('/api/v1/feedback', {
    headers,
    data: {
      channel: 'phone',
      description: '信用卡年费被重复扣款，请退还',
      departmentId,
      customer: { name: '陈静', email: customerEmail, locale: 'zh-CN' },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const item = ((await created.json()) as { data: { id: string; number: string } }).data;
  const accepted = await mailTo(customerEmail);
  expect(accepted).toContain(`您的反馈已登记，工单号 ${item.number}。`);
  expect(accepted).toContain(`/track/${item.number}`);

  // 4. The agent picks the macro in the composer, sees what it will do, and sends.
  await page.request.post('/api/v1/auth/logout', { headers });
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(agentEmail);
  await page.getByLabel('密码', { exact: true }).fill('agent-password-1');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await page.goto(`/tickets/${item.id}`);
  await expect(page.getByTestId('ticket-status')).toContainText('已受理');
  await expect(page.getByTestId('reply-language')).toHaveValue('zh-CN');
  await page.getByTestId('canned-select').selectOption({ label: '已解决-退款 ⚙' });
  const composer = page.getByRole('textbox', { name: '撰写' });
  await expect(composer).toHaveValue(`陈静您好，工单 ${item.number} 的退款已办理，请留意到账。`);
  await expect(page.getByTestId('macro-actions')).toHaveText(
    `发送此回复时还将：状态 → 处理中；添加标签：退款/已办理${suffix}`,
  );
  await shot(page, 'templates-macro-picked-zh');
  await page.getByTestId('composer-submit').click();
  const reply = page.locator('[data-testid="timeline-message"][data-kind="agent"]').last();
  await expect(reply).toContainText(`陈静您好，工单 ${item.number} 的退款已办理`);
  await expect(page.getByTestId('ticket-status')).toContainText('处理中');
  await expect(page.locator('.tag', { hasText: `退款/已办理${suffix}` })).toBeVisible();
  await expect(page.getByTestId('macro-actions')).toHaveCount(0);
  await shot(page, 'templates-macro-applied-zh');

  // Read back over the API: the reply, the tag and the status, with the macro's title as the reason.
  const after = (await (await page.request.get(`/api/v1/feedback/${item.id}`)).json()) as {
    data: { status: string; tags: string[] };
  };
  expect(after.data.status).toBe('in_progress');
  expect(after.data.tags).toContain(`退款/已办理${suffix}`);
  const events = (await (await page.request.get(`/api/v1/feedback/${item.id}/events`)).json()) as {
    data: { type: string; reason: string | null }[];
  };
  expect(events.data.find((e) => e.type === 'status_changed')?.reason).toBe('已解决-退款');
});
