import type { Locator, Page } from '@playwright/test';
import { expect, logIn, seeded, shot, test } from './fixtures.js';

/**
 * Tablet and small-laptop layouts: at each size the inbox, a ticket, the overview and the portal fit the
 * width (no horizontal scrolling of the page) and their main controls can be reached. Read-only: it
 * changes nothing on the shared server.
 */
const SIZES = [
  { name: 'portrait-768x1024', width: 768, height: 1024 },
  { name: 'landscape-1024x768', width: 1024, height: 768 },
  { name: 'laptop-1280x720', width: 1280, height: 720 },
] as const;

async function expectNoHorizontalOverflow(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => {
    const w = window.innerWidth;
    // The widest elements sticking out of the viewport, to say what overflows when it does.
    const out = Array.from(document.querySelectorAll('body *'))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > w + 1 && !el.closest('.table-wrap');
      })
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${(el as HTMLElement).className}`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: w, culprits: out };
  });
  if (scrollWidth > innerWidth) await shot(page, `overflow-${where.replace(/\W+/g, '-')}-${innerWidth}`);
  expect(scrollWidth, `${where}: page wider than the viewport (${culprits.join(', ')})`).toBeLessThanOrEqual(
    innerWidth,
  );
}

/** Visible, and once scrolled to, wholly inside the viewport's width (not cut off at the right edge). */
async function expectReachable(control: Locator, where: string): Promise<void> {
  await control.scrollIntoViewIfNeeded();
  await expect(control, where).toBeVisible();
  const box = await control.boundingBox();
  const width = await control.page().evaluate(() => window.innerWidth);
  expect(box, where).not.toBeNull();
  expect(box!.x, `${where}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${where}: right edge`).toBeLessThanOrEqual(width + 1);
}

for (const size of SIZES) {
  test.describe(`${size.name}`, () => {
    test.use({ viewport: { width: size.width, height: size.height }, locale: 'en-US' });

    test(`console pages fit ${size.width}×${size.height}: inbox, ticket, overview`, async ({ page }) => {
      await logIn(page, { email: 'Email', password: 'Password', submit: 'Sign in' });
      await expect(page).toHaveURL(/\/inbox$/);
      const rows = page.getByTestId('inbox-row');
      await expect(rows.first()).toBeVisible();

      // Inbox: views, filters, the table's first ticket, and the bulk bar once a ticket is ticked.
      await expectNoHorizontalOverflow(page, 'inbox');
      await expectReachable(page.getByRole('button', { name: 'At risk' }), 'inbox: saved view');
      await expectReachable(page.getByLabel('Search'), 'inbox: search');
      await expectReachable(page.getByLabel('Assignee'), 'inbox: assignee filter');
      await expectReachable(page.getByRole('button', { name: 'Apply', exact: true }), 'inbox: apply');
      await expectReachable(rows.first().getByRole('link').first(), 'inbox: first ticket');
      await rows.first().getByTestId('select-row').check();
      const bar = page.getByTestId('bulk-bar');
      await expectReachable(bar.getByLabel('Bulk action'), 'inbox: bulk action');
      await expectReachable(bar.getByTestId('bulk-apply'), 'inbox: bulk apply');
      await expectNoHorizontalOverflow(page, 'inbox with the bulk bar');
      await shot(page, `tablet-inbox-${size.name}`);
      await bar.getByRole('button', { name: 'Clear selection' }).click();

      // A ticket: reply composer, status actions, assignment.
      const idea = seeded('idea');
      await page.goto(`/tickets/${idea.id}`);
      await expect(page.getByTestId('ticket-number')).toContainText(idea.number);
      const composer = page.getByRole('textbox', { name: 'Write' });
      await expect(composer).toBeVisible();
      await expect(page.locator('select[name="assigneeId"]')).toBeVisible();
      await expectNoHorizontalOverflow(page, 'ticket');
      await expectReachable(composer, 'ticket: composer');
      await expectReachable(page.getByTestId('composer-submit'), 'ticket: send');
      const transitions = page.locator('[data-transition]');
      expect(await transitions.count()).toBeGreaterThan(0);
      for (let i = 0; i < (await transitions.count()); i++)
        await expectReachable(transitions.nth(i), `ticket: status action ${i}`);
      await expectReachable(page.locator('select[name="assigneeId"]'), 'ticket: assignee');
      await expectReachable(page.getByTestId('timeline'), 'ticket: timeline');
      await shot(page, `tablet-ticket-${size.name}`);

      // The overview: its figures and charts.
      await page.getByRole('link', { name: 'Overview' }).click();
      await expect(page.getByTestId('open-total')).toBeVisible();
      await expect(page.getByTestId('chart-priority').locator('canvas')).toBeVisible();
      await expectNoHorizontalOverflow(page, 'overview');
      await expectReachable(page.getByTestId('open-total'), 'overview: open total');
      await expectReachable(page.getByTestId('chart-priority'), 'overview: priority chart');
      await expectReachable(page.getByTestId('chart-status'), 'overview: status chart');
      await shot(page, `tablet-home-${size.name}`);
    });

    test(`customer portal fits ${size.width}×${size.height}`, async ({ page }) => {
      await page.goto('/portal');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoHorizontalOverflow(page, 'portal');
      await expectReachable(page.getByLabel('What happened?'), 'portal: description');
      await expectReachable(page.getByRole('button', { name: 'Send feedback' }), 'portal: submit');
      await shot(page, `tablet-portal-${size.name}`);
    });
  });
}

test.describe('portrait-768x1024 in Chinese', () => {
  test.use({ viewport: { width: 768, height: 1024 }, locale: 'zh-CN' });

  test('inbox and ticket fit 768×1024 with Chinese labels', async ({ page }) => {
    await logIn(page, { email: '邮箱', password: '密码', submit: '登录' });
    await expect(page).toHaveURL(/\/inbox$/);
    await expect(page.getByTestId('inbox-row').first()).toBeVisible();
    await expectNoHorizontalOverflow(page, 'inbox zh');
    await expectReachable(page.getByRole('button', { name: '应用', exact: true }), 'inbox zh: apply');
    const idea = seeded('idea');
    await page.goto(`/tickets/${idea.id}`);
    await expect(page.getByRole('textbox', { name: '撰写' })).toBeVisible();
    await expectNoHorizontalOverflow(page, 'ticket zh');
    await expectReachable(page.getByTestId('composer-submit'), 'ticket zh: send');
    await shot(page, 'tablet-ticket-portrait-zh');
  });
});
