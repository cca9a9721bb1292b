import { dbKind, expect, logIn, shot, test } from './fixtures.js';
import { type RunningServer, staffSession, startServer } from './server.js';

/**
 * Bulk actions in the inbox. The spec runs its own server on a fresh database (the shared one's seeded
 * items are counted by other specs), with its own tickets, a department and an agent.
 */
interface Own {
  server: RunningServer;
  agentName: string;
  items: { id: string; number: string }[];
  closed: { id: string; number: string };
  call: Awaited<ReturnType<typeof staffSession>>;
}

const bulkTest = test.extend<{ own: Own }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures name their dependencies in an object pattern
  own: async ({}, use) => {
    const server = await startServer(dbKind() === 'postgres' ? 'postgres' : 'sqlite');
    try {
      const call = await staffSession(server.baseUrl, server.adminEmail, server.adminPassword);
      const dept = await call<{ data: { id: string } }>('POST', '/departments', {
        code: 'bulk_desk',
        nameZh: '批量组',
        nameEn: 'Bulk desk',
      });
      const agentName = 'Agent Lin';
      await call('POST', '/users', {
        email: 'lin@closeloop.test',
        name: agentName,
        password: 'agent-password-123',
        role: 'agent',
        departmentId: dept.data.id,
      });
      const texts = [
        '快递三天没有更新物流信息，请帮忙查询。',
        'The checkout page shows an error when I pay with a gift card.',
        '会员积分没有按时到账。',
        'Duplicate of an older complaint about a late parcel.',
      ];
      const items: { id: string; number: string }[] = [];
      for (const description of texts) {
        const res = await call<{ data: { id: string; number: string } }>('POST', '/feedback', {
          description,
          channel: 'phone',
          nature: 'complaint',
          customer: { name: '测试客户', email: `c${items.length}@example.com` },
        });
        items.push({ id: res.data.id, number: res.data.number });
      }
      const closed = items[3]!;
      await call('POST', `/feedback/${closed.id}/transitions`, { to: 'closed', reason: '重复反馈' });
      await use({ server, agentName, items: items.slice(0, 3), closed, call });
    } finally {
      await server.stop();
    }
  },
  baseURL: async ({ own }, use) => {
    await use(own.server.baseUrl);
  },
});

bulkTest.use({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
bulkTest.describe.configure({ timeout: 180_000 });

bulkTest(
  'bulk: select tickets → assign → tag → a refused status change is reported per ticket',
  async ({ page, own }) => {
    const [a, b, c] = own.items as [Own['items'][0], Own['items'][0], Own['items'][0]];
    const row = (n: string) => page.locator(`[data-testid="inbox-row"][data-number="${n}"]`);
    const tick = (n: string) => page.getByRole('checkbox', { name: `Select ticket ${n}` });

    await logIn(page, { email: 'Email', password: 'Password', submit: 'Sign in' });
    await expect(page).toHaveURL(/\/inbox$/);
    await expect(page.getByTestId('inbox-row')).toHaveCount(4);
    await expect(page.getByTestId('bulk-bar')).toHaveCount(0);

    // Two tickets ticked (one with the mouse, one with the keyboard) → the bar appears.
    await tick(a.number).check();
    await tick(b.number).focus();
    await page.keyboard.press('Space');
    await expect(tick(b.number)).toBeChecked();
    const bar = page.getByRole('region', { name: '2 selected' });
    await expect(bar).toBeVisible();
    await expect(page.getByTestId('select-page')).toHaveJSProperty('indeterminate', true);

    // Bulk assign to the agent (the same user list as the ticket page).
    await bar.getByLabel('Bulk action').selectOption('assign');
    await bar.getByLabel('Assign to').selectOption({ label: own.agentName });
    await shot(page, 'bulk-assign-en');
    await bar.getByRole('button', { name: 'Apply to 2 tickets' }).click();
    const result = page.getByTestId('bulk-result');
    await expect(result).toContainText('2 updated, 0 failed');
    await expect(row(a.number)).toContainText(own.agentName);
    await expect(row(b.number)).toContainText(own.agentName);
    await expect(row(c.number)).not.toContainText(own.agentName);
    // The list refreshed and the selection was cleared.
    await expect(page.getByTestId('bulk-bar')).toHaveCount(0);
    await expect(page.locator('[data-testid="select-row"]:checked')).toHaveCount(0);

    // Select all on this page → add a tag to every ticket (the closed one too: tags are allowed there).
    await page.getByRole('checkbox', { name: 'Select all tickets on this page' }).check();
    const all = page.getByRole('region', { name: '4 selected' });
    await all.getByLabel('Bulk action').selectOption('addTag');
    await all.getByRole('textbox', { name: 'Tag' }).fill('批量/已核实');
    await all.getByRole('button', { name: 'Apply to 4 tickets' }).click();
    await expect(result).toContainText('4 updated, 0 failed');
    for (const item of [a, b, c, own.closed]) {
      const got = await own.call<{ data: { tags: string[]; assignee: { name: string } | null } }>(
        'GET',
        `/feedback/${item.id}`,
      );
      expect(got.data.tags).toContain('批量/已核实');
    }

    // Keyboard only: j highlights the first row (the newest: the closed ticket), x ticks it; another with Space.
    await page.locator('h1').click();
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await expect(tick(own.closed.number)).toBeChecked();
    await tick(c.number).focus();
    await page.keyboard.press('Space');
    const two = page.getByRole('region', { name: '2 selected' });
    await two.getByLabel('Bulk action').selectOption('status');
    await two.getByLabel('New status').selectOption('in_progress');
    await two.getByLabel('Reason (optional)').fill('批量开始处理');
    await two.getByRole('button', { name: 'Apply to 2 tickets' }).click();
    await expect(result).toContainText('1 updated, 1 failed');
    const failure = page.getByTestId('bulk-failure');
    await expect(failure).toHaveCount(1);
    await expect(failure).toHaveAttribute('data-code', 'invalid_transition');
    await expect(failure).toContainText(own.closed.number);
    await expect(failure).toContainText('A ticket in status "closed" cannot move to "in progress".');
    await expect(row(own.closed.number)).toContainText('Closed');
    await expect(page.getByTestId('inbox-row').filter({ hasText: 'In progress' })).toHaveCount(1);
    await shot(page, 'bulk-result-en');

    // A priority change needs its reason; the message follows the user's language.
    await page.getByRole('checkbox', { name: 'Select all tickets on this page' }).check();
    const four = page.getByRole('region', { name: '4 selected' });
    await four.getByLabel('Bulk action').selectOption('priority');
    await four.getByLabel('New priority').selectOption('urgent');
    await expect(four.getByRole('button', { name: 'Apply to 4 tickets' })).toBeDisabled();
    await four.getByLabel('Reason (required)').fill('监管部门来函');
    await four.getByRole('button', { name: 'Apply to 4 tickets' }).click();
    await expect(result).toContainText('4 updated, 0 failed');
    await expect(page.getByTestId('inbox-table')).toContainText('Urgent');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(result).toHaveCount(0);
  },
);

bulkTest.describe('zh-CN', () => {
  bulkTest.use({ locale: 'zh-CN' });
  bulkTest('bulk: refusals are shown in Chinese for a zh-CN user', async ({ page, own }) => {
    await logIn(page, { email: '邮箱', password: '密码', submit: '登录' });
    await expect(page).toHaveURL(/\/inbox$/);
    await page.getByRole('checkbox', { name: `选择工单 ${own.closed.number}` }).check();
    const bar = page.getByRole('region', { name: '已选择 1 条' });
    await bar.getByLabel('批量操作').selectOption('status');
    await bar.getByLabel('新状态').selectOption('resolved');
    await expect(bar).toContainText('结案书');
    await bar.getByRole('button', { name: '应用到 1 条工单' }).click();
    const result = page.getByTestId('bulk-result');
    await expect(result).toContainText('已更新 0 条，失败 1 条');
    await expect(page.getByTestId('bulk-failure')).toContainText(own.closed.number);
    await expect(page.getByTestId('bulk-failure')).toContainText('不能变更为"已解决"');
    await shot(page, 'bulk-result-zh');
  });
});
