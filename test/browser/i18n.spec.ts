import { expect, logIn, seeded, shot, test } from './fixtures.js';

test.describe('in Simplified Chinese (browser language zh-CN)', () => {
  test.use({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });

  test('log in and see the inbox in Chinese; wrong password answered in Chinese', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: '登录客服工作台' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

    // The API's message, in the user's language (Accept-Language).
    await page.getByLabel('邮箱').fill(process.env.CL_ADMIN_EMAIL ?? '');
    await page.getByLabel('密码', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert')).toHaveText('邮箱或密码错误。');
    await shot(page, 'login-error-zh');

    await logIn(page, { email: '邮箱', password: '密码', submit: '登录' });
    await expect(page).toHaveURL(/\/inbox$/);
    await expect(page.getByRole('heading', { name: '工单列表' })).toBeVisible();
    await expect(page.getByTestId('inbox-row')).toHaveCount(5);
    const table = page.getByTestId('inbox-table');
    await expect(table).toContainText('投诉');
    await expect(table).toContainText('紧急');
    await expect(table).toContainText('表扬');
    await expect(page.getByRole('button', { name: '我的待办' })).toBeVisible();

    await page.getByLabel('搜索').fill('zeppelin');
    await page.getByRole('button', { name: '应用' }).click();
    await expect(page.getByTestId('inbox-row')).toHaveCount(1);
    await expect(page.getByTestId('inbox-row').first()).toHaveAttribute(
      'data-number',
      seeded('zeppelin').number,
    );
    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect(page.getByTestId('inbox-row')).toHaveCount(5);
    await shot(page, 'inbox-zh');

    // Dates in the user's time zone, written the Chinese way.
    await expect(table.locator('td.nowrap').nth(1)).toContainText('年');

    await page.getByRole('link', { name: seeded('urgent').number }).click();
    await expect(page.getByTestId('ticket-number')).toContainText(`工单 ${seeded('urgent').number}`);
    await expect(page.getByRole('button', { name: '变更为“处理中”' })).toBeVisible();
    await shot(page, 'ticket-zh');

    await page.getByRole('link', { name: '概览' }).click();
    await expect(page.getByTestId('chart-priority').locator('canvas')).toBeVisible();
    await page.waitForTimeout(800);
    await shot(page, 'home-zh');
  });
});

test.describe('in English (browser language en-US)', () => {
  test.use({ locale: 'en-US', timezoneId: 'America/New_York' });

  test('log in and see the inbox in English; the language choice is remembered', async ({ page }) => {
    await logIn(page, { email: 'Email', password: 'Password', submit: 'Sign in' });
    await expect(page).toHaveURL(/\/inbox$/);
    await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
    await expect(page.getByTestId('inbox-row')).toHaveCount(5);
    await expect(page.getByTestId('inbox-table')).toContainText('Praise');
    await page.getByRole('button', { name: 'At risk' }).click();
    await expect(page).toHaveURL(/view=atRisk/);
    await expect(page.getByTestId('inbox-row').first()).toBeVisible();

    // Switch to Chinese: every label changes at once, and stays after a reload.
    await page.getByTestId('language').first().selectOption('zh-CN');
    await expect(page.getByRole('heading', { name: '工单列表' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: '工单列表' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.getByTestId('language').first().selectOption('en');
    await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  });
});

test.describe('priority change in Chinese', () => {
  test.use({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });

  test('a change without a reason is refused in Chinese next to the form; with a reason it is applied', async ({
    page,
  }) => {
    const idea = seeded('idea');
    await logIn(page, { email: '邮箱', password: '密码', submit: '登录' });
    await expect(page).toHaveURL(/\/inbox$/);
    await page.goto(`/tickets/${idea.id}`);
    const panel = page.getByRole('region', { name: '调整优先级' });
    await panel.getByLabel('新优先级').selectOption('high');
    await panel.getByRole('button', { name: '调整优先级' }).click();
    await expect(panel.getByRole('alert')).toHaveAttribute('data-code', 'priority_reason_required');
    await expect(panel.getByRole('alert')).toHaveText('修改优先级需要填写原因。');
    await shot(page, 'priority-error-zh');
    await panel.getByLabel('原因（必填）').fill('客户为企业大客户，影响多名员工');
    await panel.getByRole('button', { name: '调整优先级' }).click();
    await expect(page.locator('.ticket-head .priority-high')).toHaveText('高');
    await expect(page.locator('[data-testid="timeline-event"][data-type="priority_changed"]')).toContainText(
      '优先级：建议类 → 高',
    );
    await expect(page.locator('[data-testid="timeline-event"][data-type="priority_changed"]')).toContainText(
      '客户为企业大客户',
    );
  });
});
