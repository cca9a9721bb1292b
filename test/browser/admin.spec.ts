import type { Page } from '@playwright/test';
import { expect, logIn, shot, test } from './fixtures.js';

/** A label wrapping a control also names it by its value: match on how the label starts. */
const starts = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

interface Words {
  lang: string;
  login: { email: string; password: string; submit: string };
  admin: string;
  sla: string;
  calendars: string;
  name: string;
  priority: string;
  nature: string;
  firstResponse: string;
  resolution: string;
  createPolicy: string;
  resolutionOf: (name: string) => string;
  save: string;
  date: string;
  kind: string;
  dayName: string;
  dayNameEn: string;
  addDay: string;
  removeDay: (date: string) => string;
  holiday: string;
  workday: string;
  duplicate: string;
}

/** The admin flow: create an SLA policy, change a target, add a holiday and a make-up working day. */
async function slaAndHoliday(
  page: Page,
  w: Words,
  policy: { name: string; priority: string },
  days: string[],
) {
  await logIn(page, w.login);
  await expect(page).toHaveURL(/\/inbox$/);
  await page.getByRole('link', { name: w.admin, exact: true }).click();
  await expect(page.getByRole('heading', { name: w.admin, level: 1 })).toBeVisible();
  await page.getByRole('link', { name: w.sla, exact: true }).click();
  const policies = page.getByTestId('admin-policies');
  // At least one per priority out of the box (the other language's run may have added one).
  await expect(policies.getByTestId('policy-row').nth(3)).toBeVisible();

  // No name: the API's message appears next to the name field, in the page's language.
  await page.getByLabel(starts(w.priority)).selectOption(policy.priority);
  await page.getByLabel(starts(w.nature)).selectOption('complaint');
  await page.getByRole('button', { name: w.createPolicy }).click();
  await expect(page.getByLabel(starts(w.name))).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel(starts(w.name)).fill(policy.name);
  await page.getByLabel(starts(w.firstResponse)).fill('30');
  await page.getByLabel(starts(w.resolution)).fill('240');
  await page.getByRole('button', { name: w.createPolicy }).click();
  const row = policies.locator(`[data-name="${policy.name}"]`);
  await expect(row).toBeVisible();
  await expect(page.getByLabel(w.resolutionOf(policy.name))).toHaveValue('240');

  // The same priority and nature again: refused (409) with the API's message in this language.
  await page.getByLabel(starts(w.name)).fill(`${policy.name} 2`);
  await page.getByRole('button', { name: w.createPolicy }).click();
  await expect(page.getByRole('alert').filter({ hasText: w.duplicate })).toBeVisible();

  // Change a target; it stays after a reload (read back from the API).
  await page.getByLabel(w.resolutionOf(policy.name)).fill('300');
  await row.getByRole('button', { name: w.save }).click();
  await expect(page.getByLabel(w.resolutionOf(policy.name))).toHaveValue('300');
  await page.reload();
  await expect(page.getByLabel(w.resolutionOf(policy.name))).toHaveValue('300');
  await shot(page, `admin-sla-${w.lang}`);

  // Business calendar: a holiday and a make-up working day (调休) on the default calendar.
  await page.getByRole('link', { name: w.calendars, exact: true }).click();
  const table = page.getByTestId('calendar-days');
  const [holiday, workday] = days as [string, string];
  await page.getByLabel(starts(w.date)).fill(holiday);
  await page.getByLabel(starts(w.kind)).selectOption('holiday');
  await page.getByLabel(starts(w.dayName)).fill('公司周年庆');
  await page.getByLabel(starts(w.dayNameEn)).fill('Company anniversary');
  await page.getByRole('button', { name: w.addDay, exact: true }).click();
  await expect(table.locator(`[data-date="${holiday}"]`)).toHaveAttribute('data-kind', 'holiday');
  await expect(table.locator(`[data-date="${holiday}"]`)).toContainText(w.holiday);

  await page.getByLabel(starts(w.date)).fill(workday);
  await page.getByLabel(starts(w.kind)).selectOption('workday');
  await page.getByLabel(starts(w.dayName)).fill('周年庆调休');
  await page.getByRole('button', { name: w.addDay, exact: true }).click();
  await expect(table.locator(`[data-date="${workday}"]`)).toHaveAttribute('data-kind', 'workday');
  await expect(table.locator(`[data-date="${workday}"]`)).toContainText(w.workday);
  await shot(page, `admin-calendar-${w.lang}`);

  // Removing the make-up day; the holiday stays.
  await page.getByRole('button', { name: w.removeDay(workday) }).click();
  await expect(table.locator(`[data-date="${workday}"]`)).toHaveCount(0);
  await expect(table.locator(`[data-date="${holiday}"]`)).toBeVisible();
}

test.describe('admin in Simplified Chinese', () => {
  test.use({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  test('admin creates an SLA policy and a holiday', async ({ page }) => {
    await slaAndHoliday(
      page,
      {
        lang: 'zh',
        login: { email: '邮箱', password: '密码', submit: '登录' },
        admin: '系统管理',
        sla: 'SLA 策略',
        calendars: '工作日历',
        name: '名称',
        priority: '优先级',
        nature: '性质',
        firstResponse: '首次响应时限（工作分钟）',
        resolution: '解决时限（工作分钟）',
        createPolicy: '创建策略',
        resolutionOf: (n) => `${n} 的解决分钟数`,
        save: '保存',
        date: '日期',
        kind: '类型',
        dayName: '名称（中文）',
        dayNameEn: '名称（英文，可选）',
        addDay: '添加',
        removeDay: (d) => `删除 ${d}`,
        holiday: '节假日',
        workday: '调休工作日',
        duplicate: '已存在',
      },
      { name: '紧急投诉专项', priority: 'urgent' },
      ['2027-09-08', '2027-09-11'],
    );
  });
});

test.describe('admin in English', () => {
  test.use({ locale: 'en-US', timezoneId: 'America/New_York' });
  test('admin creates an SLA policy and a holiday; a new agent cannot open the admin area', async ({
    page,
  }) => {
    await slaAndHoliday(
      page,
      {
        lang: 'en',
        login: { email: 'Email', password: 'Password', submit: 'Sign in' },
        admin: 'Administration',
        sla: 'SLA policies',
        calendars: 'Business calendars',
        name: 'Name',
        priority: 'Priority',
        nature: 'Nature',
        firstResponse: 'First response within (working minutes)',
        resolution: 'Resolution within (working minutes)',
        createPolicy: 'Create the policy',
        resolutionOf: (n) => `Resolution minutes of ${n}`,
        save: 'Save',
        date: 'Date',
        kind: 'Kind',
        dayName: 'Name (Chinese)',
        dayNameEn: 'Name (English, optional)',
        addDay: 'Add the day',
        removeDay: (d) => `Remove ${d}`,
        holiday: 'Holiday',
        workday: 'Make-up working day',
        duplicate: 'already',
      },
      { name: 'High complaints', priority: 'high' },
      ['2027-10-12', '2027-10-16'],
    );

    // Users: create an agent; an invalid email is refused next to the field.
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    const users = page.getByTestId('admin-users');
    await expect(users.locator(`[data-email="${process.env.CL_ADMIN_EMAIL}"]`)).toBeVisible();
    await page.getByLabel(starts('Email')).fill('not-an-email');
    await page.getByLabel(starts('Name')).fill('Wang Fang');
    await page.getByLabel(starts('Initial password')).fill('agent-password-1');
    await page.getByRole('button', { name: 'Create the user' }).click();
    await expect(page.locator('.admin-form .field-error')).toBeVisible();
    await page.getByLabel(starts('Email')).fill('wang.fang@example.com');
    await page.getByRole('button', { name: 'Create the user' }).click();
    const agent = users.locator('[data-email="wang.fang@example.com"]');
    await expect(agent).toBeVisible();
    await expect(page.getByLabel('Role of Wang Fang')).toHaveValue('agent');
    await shot(page, 'admin-users-en');

    // API key: shown once.
    await page.getByRole('link', { name: 'API keys', exact: true }).click();
    await page.getByLabel(starts('Name')).fill('CRM sync');
    await page.getByRole('button', { name: 'Create the key' }).click();
    await expect(page.getByTestId('new-api-key').locator('code')).toHaveText(/\S{20,}/);
    await page.getByTestId('admin-api-keys').locator('[data-name="CRM sync"]').getByRole('button').click();
    await expect(page.getByTestId('admin-api-keys').locator('[data-name="CRM sync"]')).toContainText(
      'Revoked',
    );

    // The new agent sees no admin link, and the address shows a refusal instead of a blank page.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Email').fill('wang.fang@example.com');
    await page.getByLabel(starts('Password')).fill('agent-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/inbox$/);
    await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0);
    await page.goto('/admin');
    await expect(page.getByRole('alert')).toHaveText('Only administrators can open this page.');
  });
});

test.describe('admin automation in English', () => {
  test.use({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
  test('a triage rule with a dry run, enable/disable; a webhook subscription with its secret shown once', async ({
    page,
  }) => {
    await logIn(page, { email: 'Email', password: 'Password', submit: 'Sign in' });
    await expect(page).toHaveURL(/\/inbox$/);
    await page.goto('/admin?section=triage');
    await expect(page.getByRole('heading', { name: 'Triage rules', level: 2 })).toBeVisible();

    // No action: refused by the API, said in English.
    await page.getByLabel(starts('Rule name')).fill('Large fraud amounts');
    await page.getByRole('button', { name: 'Create the rule' }).click();
    await expect(page.locator('.admin-form').first().getByRole('alert').first()).toBeVisible();

    await page.getByLabel(starts('Text contains any of')).fill('盗刷, fraud');
    await page.getByLabel(starts('Amount mentioned at least')).fill('10000');
    await page.getByLabel(starts('Set priority')).selectOption('urgent');
    await page.getByLabel(starts('Add tags')).fill('fraud-large');
    await page.getByRole('button', { name: 'Create the rule' }).click();
    const rule = page.getByTestId('admin-rules').locator('[data-name="Large fraud amounts"]');
    await expect(rule).toContainText('fraud-large');

    // Dry run on a sample: the rule matches and makes it urgent.
    await page.getByLabel(starts('Sample feedback text')).fill('我的信用卡被盗刷了两万元，请尽快处理！');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const dry = page.getByTestId('dry-run');
    await expect(dry).toContainText('priority Urgent');
    await expect(
      dry.locator('li[data-matched="true"]').filter({ hasText: 'Large fraud amounts' }),
    ).toBeVisible();
    await shot(page, 'admin-triage-en');

    // Turned off (the box follows the API's answer), still off after a reload.
    await page.getByLabel('Rule Large fraud amounts is on').click();
    await expect(page.getByLabel('Rule Large fraud amounts is on')).not.toBeChecked();
    await page.reload();
    await expect(page.getByLabel('Rule Large fraud amounts is on')).not.toBeChecked();

    // Webhooks: a loopback destination is refused next to the URL; a public one is accepted.
    await page.getByRole('link', { name: 'Outbound webhooks', exact: true }).click();
    await page.getByLabel(starts('Destination URL')).fill('http://127.0.0.1:9/hook');
    await page.getByRole('button', { name: 'Create the subscription' }).click();
    await expect(page.getByRole('alert').first()).toBeVisible();
    await page.getByLabel(starts('Destination URL')).fill('http://93.184.215.14/closeloop-hook');
    await page.getByLabel(starts('Description')).fill('CRM');
    await page.getByRole('button', { name: 'Create the subscription' }).click();
    await expect(page.getByTestId('new-webhook-secret').locator('code')).toHaveText(/\S{16,}/);
    const hook = page
      .getByTestId('admin-webhooks')
      .locator('[data-url="http://93.184.215.14/closeloop-hook"]');
    await expect(hook).toContainText('feedback.created');
    await hook.getByRole('button', { name: 'Deliveries' }).click();
    await expect(page.getByTestId('webhook-deliveries')).toBeVisible();
    await shot(page, 'admin-webhooks-en');
    await hook.getByRole('button', { name: 'Remove' }).click();
    await expect(hook).toHaveCount(0);
  });
});

test.describe('admin channels in Simplified Chinese', () => {
  test.use({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  test('widget snippet and origins, a webhook source with its secret once, a mailbox that cannot be reached', async ({
    page,
  }) => {
    await logIn(page, { email: '邮箱', password: '密码', submit: '登录' });
    await expect(page).toHaveURL(/\/inbox$/);
    await page.goto('/admin?section=channels');

    // Widget: the snippet to copy; a bad origin is refused next to the field, a good one kept.
    await expect(page.getByTestId('widget-snippet')).toContainText('/widget.js');
    const origins = page.getByLabel(starts('允许的来源'));
    await origins.fill('shop.example.com/path');
    const widget = page.getByRole('region', { name: '网站浮窗' });
    await widget.getByRole('button', { name: '保存' }).click();
    await expect(origins).toHaveAttribute('aria-invalid', 'true');
    await origins.fill('https://shop.example.com');
    await widget.getByRole('button', { name: '保存' }).click();
    await expect(origins).toHaveAttribute('aria-invalid', 'false');
    await page.reload();
    await expect(page.getByLabel(starts('允许的来源'))).toHaveValue('https://shop.example.com');

    // Webhook source: a mapping that is not JSON is refused next to it; then created, secret shown once.
    const sources = page.getByRole('region', { name: 'Webhook 来源' });
    await sources.getByLabel(starts('名称')).fill('App 商店评论');
    await sources.getByLabel(starts('URL 名称')).fill('app-reviews');
    await sources.getByLabel(starts('映射')).fill('{ not json');
    await sources.getByRole('button', { name: '创建来源' }).click();
    await expect(sources.getByRole('alert')).toHaveText('映射必须是一个 JSON 对象。');
    await sources
      .getByLabel(starts('映射'))
      .fill('{ "description": "$.review.text", "customer.name": "$.review.author" }');
    await sources.getByRole('button', { name: '创建来源' }).click();
    await expect(page.getByTestId('new-source-secret').locator('code')).toHaveText(/\S{16,}/);
    await expect(page.getByTestId('admin-sources').locator('[data-slug="app-reviews"]')).toContainText(
      '/api/v1/intake/hooks/app-reviews',
    );

    // Mailbox on a port where nothing listens: "poll now" answers with the API's message in Chinese.
    const boxes = page.getByRole('region', { name: '邮箱（IMAP）' });
    await boxes.getByLabel(starts('名称')).fill('客服邮箱');
    await boxes.getByLabel(starts('IMAP 服务器')).fill('127.0.0.1');
    await boxes.getByLabel(starts('端口')).fill('1');
    await boxes.getByLabel(starts('TLS')).uncheck();
    await boxes.getByLabel(starts('用户名')).fill('service@example.com');
    await boxes.getByLabel(starts('密码')).fill('imap-password');
    await boxes.getByRole('button', { name: '添加邮箱' }).click();
    const box = page.getByTestId('admin-mailboxes').locator('[data-name="客服邮箱"]');
    await expect(box).toContainText('127.0.0.1:1');
    await box.getByRole('button', { name: '立即收取' }).click();
    await expect(boxes.locator('.alert.error')).toHaveAttribute('data-code', 'mailbox_poll_failed');
    await expect(boxes.locator('.alert.error')).toContainText(/[\u4e00-\u9fff]/);
    await shot(page, 'admin-channels-zh');
  });
});
