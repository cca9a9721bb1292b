import { expect, logIn, shot, test } from './fixtures.js';

// Runs after the other specs of the shared server (the console spec counts its seeded items first).
test.use({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });

test('坐席流程（中文）：登录 → 筛选找到工单 → 回复客户 → 内部备注 → 填写结案书并解决', async ({ page }) => {
  await logIn(page, { email: '邮箱', password: '密码', submit: '登录' });
  await expect(page).toHaveURL(/\/inbox$/);

  // A new complaint, as the email channel would bring it.
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { data: { csrfToken: string } };
  const created = await page.request.post('/api/v1/feedback', {
    headers: { 'x-csrf-token': me.data.csrfToken },
    data: {
      channel: 'email',
      description: '手机银行转账失败，钱已经扣了但对方一直没有收到，请尽快处理。',
      customer: { name: '周杰', email: 'zhou.jie@example.com' },
    },
  });
  expect(created.status()).toBe(201);
  const item = ((await created.json()) as { data: { id: string; number: string } }).data;

  // Find it through the filters: full-text search in Chinese and the email channel.
  await page.getByLabel('搜索').fill('转账失败');
  await page.getByLabel('渠道').selectOption('email');
  await page.getByRole('button', { name: '应用' }).click();
  await expect(page).toHaveURL(/channel=email/);
  const rows = page.getByTestId('inbox-row');
  await expect(rows).toHaveCount(1);
  await page.getByRole('link', { name: item.number }).click();
  await expect(page.getByTestId('ticket-number')).toContainText(item.number);
  await expect(page.getByTestId('ticket-status')).toHaveText('已受理');

  // Reply, then an internal note that looks different.
  await page
    .getByRole('textbox', { name: '撰写' })
    .fill('周先生您好，我们已联系清算中心核实，今天内给您答复。');
  await page.getByRole('button', { name: '发送回复' }).click();
  await expect(page.locator('[data-testid="timeline-message"][data-kind="agent"]')).toContainText('清算中心');
  await page.getByTestId('mode-note').check();
  await page.getByRole('textbox', { name: '撰写' }).fill('清算中心确认对方行退回，流水号 QS-2026-1123。');
  await page.getByRole('button', { name: '添加备注' }).click();
  const note = page.locator('[data-testid="timeline-message"][data-kind="note"]');
  await expect(note).toContainText('QS-2026-1123');
  await expect(note).toContainText('内部备注——客户不可见');

  // Resolve with the closure letter (投诉结案书).
  await page.getByRole('button', { name: '变更为“已解决”' }).click();
  await expect(page.getByRole('group', { name: '投诉结案书' })).toBeVisible();
  await page.getByLabel('问题原因').fill('对方银行账户户名不符，款项被自动退回。');
  await page.getByLabel('处理措施或补偿').fill('已将款项原路退回并免除本次手续费。');
  await page.getByLabel('预防措施').fill('转账前增加户名校验提示。');
  await shot(page, 'ticket-closure-zh');
  await page.getByRole('button', { name: '提交结案书并标记已解决' }).click();
  await expect(page.getByTestId('ticket-status')).toHaveText('已解决');
  await shot(page, 'ticket-resolved-zh');

  // A transition the lifecycle refuses is explained in Chinese with the statuses' names.
  const refused = await page.request.post(`/api/v1/feedback/${item.id}/transitions`, {
    headers: { 'x-csrf-token': me.data.csrfToken, 'accept-language': 'zh-CN' },
    data: { to: 'received' },
  });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
    '工单当前状态为"已解决"，不能变更为"已受理"。',
  );
});
