import { expect, logIn, seeded, shot, test } from './fixtures.js';

test.use({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });

test('sub-task: the owner asks another department for help from the ticket page; it is worked from the sub-tasks page and closed with an outcome', async ({
  page,
}) => {
  await logIn(page, { email: 'Email', password: 'Password', submit: 'Sign in' });
  await expect(page).toHaveURL(/\/inbox$/);
  const item = seeded('zeppelin');
  // The department asked to help (made over the API, as an admin would in the admin area).
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { data: { csrfToken: string } };
  const suffix = Math.random().toString(36).slice(2, 7);
  const made = await page.request.post('/api/v1/departments', {
    headers: { 'x-csrf-token': me.data.csrfToken },
    data: { code: `logistics_${suffix}`, nameZh: `物流部 ${suffix}`, nameEn: `Logistics ${suffix}` },
  });
  expect(made.status(), await made.text()).toBe(201);
  await page.goto(`/tickets/${item.id}`);
  // Shared with the department: listed on the ticket, then no longer.
  const shares = page.getByTestId('shares-panel');
  await expect(shares.getByText('Not shared.')).toBeVisible();
  await shares.getByLabel('Share with').selectOption({ label: `Logistics ${suffix}` });
  await shares.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(shares.getByTestId('share')).toContainText(`Logistics ${suffix}`);
  const shared = (await (await page.request.get(`/api/v1/feedback/${item.id}`)).json()) as {
    data: { sharedWith: string[] };
  };
  expect(shared.data.sharedWith).toHaveLength(1);
  await shares.getByRole('button', { name: `Stop sharing with Logistics ${suffix}` }).click();
  await expect(shares.getByText('Not shared.')).toBeVisible();

  const panel = page.getByTestId('subtasks-panel');
  await expect(panel.getByText('No sub-tasks yet.')).toBeVisible();

  // A department must be chosen: the create button stays disabled until then.
  await panel.getByRole('button', { name: 'Ask another department…' }).click();
  const create = panel.getByRole('button', { name: 'Create sub-task' });
  await panel.getByLabel('What is needed').fill('Check the courier’s delivery photo');
  await expect(create).toBeDisabled();
  const department = panel.getByLabel('Department asked to help');
  await department.selectOption({ label: `Logistics ${suffix}` });
  await panel
    .getByLabel('Details (optional)')
    .fill('The customer says nothing arrived; the tracking page says delivered.');
  await create.click();
  const card = panel.getByTestId('subtask');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Check the courier’s delivery photo');
  await expect(card).toContainText(`For Logistics ${suffix}`);
  await expect(card).toHaveAttribute('data-status', 'open');
  await shot(page, 'ticket-subtask-en');

  // The helping department's list (admins see every department's), with the parent's number.
  await page.getByRole('link', { name: 'Sub-tasks' }).click();
  await expect(page).toHaveURL(/\/subtasks$/);
  const row = page.getByTestId('subtask').filter({ hasText: 'Check the courier’s delivery photo' });
  await expect(row.getByRole('link', { name: item.number })).toBeVisible();
  await row.getByRole('button', { name: 'Start' }).click();
  await expect(row).toHaveAttribute('data-status', 'in_progress');
  await row
    .getByLabel('Outcome')
    .fill('Photo shows the parcel at a neighbour’s door; courier will retrieve it.');
  await row.getByRole('button', { name: 'Mark done' }).click();
  await expect(row).toHaveAttribute('data-status', 'done');
  await expect(row.getByTestId('subtask-outcome')).toContainText('neighbour’s door');
  await shot(page, 'subtasks-page-en');

  // Back on the ticket: the sub-task is done and its closing is in the item's history.
  await row.getByRole('link', { name: item.number }).click();
  await expect(page.getByTestId('subtasks-panel').getByTestId('subtask')).toHaveAttribute(
    'data-status',
    'done',
  );
  await expect(page.locator('[data-testid="timeline-event"][data-type="subtask_closed"]')).toHaveCount(1);

  // A closed sub-task cannot change any more: the API says so.
  const list = (await (await page.request.get(`/api/v1/feedback/${item.id}/subtasks`)).json()) as {
    data: { id: string }[];
  };
  const again = await page.request.patch(`/api/v1/subtasks/${list.data[0]?.id}`, {
    headers: { 'x-csrf-token': me.data.csrfToken },
    data: { status: 'open' },
  });
  expect(again.status()).toBe(409);
});

test.describe('in Simplified Chinese', () => {
  test.use({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  test('the sub-tasks page and the panel speak Chinese', async ({ page }) => {
    await logIn(page, { email: '邮箱', password: '密码', submit: '登录' });
    await expect(page).toHaveURL(/\/inbox$/);
    await page.getByRole('link', { name: '协办任务' }).click();
    await expect(page.getByRole('heading', { name: '本部门的协办任务' })).toBeVisible();
    await page.goto(`/tickets/${seeded('refund').id}`);
    await expect(
      page.getByTestId('subtasks-panel').getByRole('heading', { name: '跨部门协办任务' }),
    ).toBeVisible();
    await page.getByRole('button', { name: '请其他部门协办…' }).click();
    await expect(page.getByLabel('协办部门')).toBeVisible();
    await shot(page, 'ticket-subtask-zh');
  });
});
