import { test as base, dbKind, expect, logIn, shot } from './fixtures.js';
import { type RunningServer, startServer } from './server.js';

/**
 * Runs on its own server and fresh database: the ticket it tags would change the seeded items other specs
 * count on the shared server.
 */
const test = base.extend<{ own: RunningServer }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures name their dependencies in an object pattern
  own: async ({}, use) => {
    const server = await startServer(dbKind() === 'postgres' ? 'postgres' : 'sqlite');
    try {
      await use(server);
    } finally {
      await server.stop();
    }
  },
  baseURL: async ({ own }, use) => {
    await use(own.baseUrl);
  },
});

test.use({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
test.describe.configure({ timeout: 180_000 });

/** A label wrapping a control also names it by its value: match on how the label starts. */
const starts = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

test('admin keeps business areas and the tag tree: a new area with its department, a child tag, a used tag refused', async ({
  page,
}) => {
  await logIn(page, { email: '邮箱', password: '密码', submit: '登录' });
  await expect(page).toHaveURL(/\/inbox$/);
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { data: { csrfToken: string } };
  const csrf = { 'x-csrf-token': me.data.csrfToken };
  // A department to route the new area to (as another admin would have made it).
  const dept = await page.request.post('/api/v1/departments', {
    headers: csrf,
    data: { code: 'members', nameZh: '会员中心', nameEn: 'Member centre' },
  });
  expect(dept.status()).toBe(201);

  await page.getByRole('link', { name: '系统管理', exact: true }).click();
  await page.getByRole('link', { name: '业务分类与标签', exact: true }).click();
  await expect(page).toHaveURL(/section=catalog/);
  const areas = page.getByTestId('admin-areas');
  await expect(areas.locator('[data-code="after_sales"] input').first()).toHaveValue('售后');

  // A code that is not a slug: the API's message next to the code field, in Chinese.
  const create = page.getByTestId('area-create');
  await create.getByLabel(starts('编码')).fill('会员');
  await create.getByLabel(starts('中文名称')).fill('会员服务');
  await create.getByLabel(starts('英文名称')).fill('Membership');
  await create.getByRole('button', { name: '添加业务分类' }).click();
  await expect(create.getByLabel(starts('编码'))).toHaveAttribute('aria-invalid', 'true');
  await create.getByLabel(starts('编码')).fill('membership');
  await create.getByRole('button', { name: '添加业务分类' }).click();
  const row = areas.locator('[data-code="membership"]');
  await expect(row.getByLabel('会员服务的英文名称')).toHaveValue('Membership');
  await expect(row).toContainText('启用');
  // The same code again → 409 in Chinese, shown at the form.
  await create.getByLabel(starts('编码')).fill('membership');
  await create.getByLabel(starts('中文名称')).fill('会员');
  await create.getByLabel(starts('英文名称')).fill('M');
  await create.getByRole('button', { name: '添加业务分类' }).click();
  await expect(create).toContainText('该业务分类编码已被使用。');

  // Route it to the department, then edit its English name.
  await row.getByRole('button', { name: '选择部门' }).click();
  // The box follows the department as saved (a PATCH /departments/:id, then the lists reload).
  await row.getByRole('checkbox', { name: '会员中心' }).click();
  await expect(row.getByRole('checkbox', { name: '会员中心' })).toBeChecked();
  await expect(row.getByTestId('area-departments')).toContainText('会员中心');
  await row.getByLabel('会员服务的英文名称').fill('Membership services');
  await row.getByRole('button', { name: '保存' }).click();
  await expect
    .poll(async () => {
      const res = await page.request.get('/api/v1/business-areas');
      const body = (await res.json()) as {
        data: { code: string; labelEn: string; departments: { code: string }[] }[];
      };
      const m = body.data.find((a) => a.code === 'membership');
      return m ? [m.labelEn, m.departments.map((d) => d.code)] : null;
    })
    .toEqual(['Membership services', ['members']]);

  // The tag tree: a root tag, a child under it (shown indented under its parent).
  const tags = page.getByTestId('tag-create');
  await tags.getByLabel(starts('标签路径')).fill('会员');
  await tags.getByRole('button', { name: '添加标签' }).click();
  const root = page.getByTestId('tag-tree').locator('li[data-path="会员"]');
  await expect(root).toBeVisible();
  await root.locator(':scope > .tag-line').getByRole('button', { name: '添加子标签' }).click();
  await root.getByLabel(starts('会员下的子标签')).fill('积分');
  await root.getByLabel(starts('英文名称')).fill('Points');
  await root.locator(':scope > form').getByRole('button', { name: '添加子标签' }).click();
  const child = root.locator('li[data-path="会员/积分"]');
  await expect(child).toContainText('积分');
  await expect(child).toContainText('Points');
  await root.locator(':scope > .tag-line').getByRole('button', { name: '添加子标签' }).click();
  await root.getByLabel(starts('会员下的子标签')).fill('等级');
  await root.locator(':scope > form').getByRole('button', { name: '添加子标签' }).click();
  await expect(root.locator('li[data-path="会员/等级"]')).toBeVisible();

  // A ticket of the new area carrying the child tag: the tag cannot be removed, the unused one can.
  const item = await page.request.post('/api/v1/feedback', {
    headers: csrf,
    data: {
      channel: 'phone',
      description: '会员积分兑换后一直没有到账，请帮忙查一下。',
      businessArea: 'membership',
      tags: ['会员/积分'],
      customer: { name: '孙丽', phone: '13900139000' },
    },
  });
  expect(item.status()).toBe(201);
  const { id: itemId, number } = ((await item.json()) as { data: { id: string; number: string } }).data;
  await child.getByRole('button', { name: '删除标签积分' }).click();
  await expect(child.getByRole('alert')).toContainText('该标签正被 1 个工单使用，无法删除。');
  await root.getByRole('button', { name: '删除标签等级' }).click();
  await expect(root.locator('li[data-path="会员/等级"]')).toHaveCount(0);
  await expect(child).toBeVisible();
  // The area is in use too: removing it is refused; it can be deactivated instead.
  await row.getByRole('button', { name: '删除' }).click();
  await expect(row.getByRole('alert')).toContainText('该业务分类仍在使用中');
  await row.getByRole('button', { name: '停用' }).click();
  await expect(row).toContainText('已停用');
  await expect(row.getByRole('button', { name: '启用' })).toBeVisible();
  await shot(page, 'admin-catalog');

  // The ticket shows the catalogue's label of its area in the user's language.
  await page.goto(`/tickets/${itemId}`);
  await expect(
    page.locator('dt', { hasText: '业务领域' }).locator('xpath=following-sibling::dd[1]'),
  ).toHaveText('会员服务');

  // The inbox filters by the catalogue's areas, labelled in the user's language.
  await page.goto('/inbox?businessArea=membership');
  const filter = page.getByRole('combobox', { name: '业务分类' });
  await expect(filter.locator('option:checked')).toHaveText('会员服务');
  await expect(page.getByRole('table')).toContainText(number);
  await expect(page.getByRole('table').locator('tbody tr')).toHaveCount(1);
  await shot(page, 'admin-catalog-inbox');
});
