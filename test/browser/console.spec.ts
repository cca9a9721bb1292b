import { expect, logIn, seeded, shot, test } from './fixtures.js';

test.use({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });

test('agent: log in → inbox → filter → open a ticket → reply → internal note → resolve with a closure letter', async ({
  page,
}) => {
  const refund = seeded('refund');
  const chunks: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') chunks.push(new URL(r.url()).pathname);
  });

  await page.goto('/inbox');
  await expect(page).toHaveURL(/\/login\?next=%2Finbox/);
  await expect(page.getByRole('heading', { name: 'Sign in to the agent console' })).toBeVisible();
  await shot(page, 'login-en');
  await logIn(page, { email: 'Email', password: 'Password', submit: 'Sign in' });

  // Inbox with every seeded item, translated labels and SLA badges.
  await expect(page).toHaveURL(/\/inbox$/);
  const rows = page.getByTestId('inbox-row');
  await expect(rows).toHaveCount(5);
  await expect(page.getByTestId('inbox-table')).toContainText('Complaint');
  await expect(page.getByTestId('inbox-table')).toContainText('Urgent');
  await expect(page.getByTestId('sla-badge').first()).toBeVisible();
  // The overview's ECharts chunk is not part of the inbox's initial load.
  expect(chunks.some((c) => /Home-/.test(c))).toBe(false);
  await shot(page, 'inbox-en');

  // Filter: complaints mentioning 退款 (full-text search in Chinese).
  await page.getByLabel('Nature').selectOption('complaint');
  await page.getByLabel('Search').fill('退款');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/nature=complaint/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-number', refund.number);

  // Saved view "Unassigned": all five are open and nobody owns them (no agents exist).
  await page.getByRole('button', { name: 'Unassigned', exact: true }).click();
  await expect(page).toHaveURL(/view=unassigned/);
  await expect(rows).toHaveCount(5);
  await page.getByRole('button', { name: 'All', exact: true }).click();
  await page.getByLabel('Nature').selectOption('complaint');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(rows).toHaveCount(3);

  // Open the ticket.
  await page.getByRole('link', { name: refund.number }).click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${refund.id}$`));
  await expect(page.getByTestId('ticket-number')).toContainText(refund.number);
  await expect(page.getByTestId('ticket-status')).toHaveText('Received');
  await expect(page.getByTestId('timeline-message').first()).toContainText('退款迟迟没有到账');

  // Reply to the customer.
  await page
    .getByRole('textbox', { name: 'Write' })
    .fill('We are sorry for the delay; the refund has been re-issued today.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.locator('[data-testid="timeline-message"][data-kind="agent"]')).toContainText(
    'refund has been re-issued',
  );

  // Internal note: visibly different.
  await page.getByTestId('mode-note').check();
  await page.getByRole('textbox', { name: 'Write' }).fill('Finance confirmed the transfer reference RF-889.');
  await page.getByRole('button', { name: 'Add note' }).click();
  const note = page.locator('[data-testid="timeline-message"][data-kind="note"]');
  await expect(note).toContainText('RF-889');
  await expect(note).toContainText('Internal — the customer never sees this');
  const noteBg = await note.evaluate((el) => getComputedStyle(el).backgroundColor);
  const replyBg = await page
    .locator('[data-testid="timeline-message"][data-kind="agent"]')
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(noteBg).not.toBe(replyBg);

  // Only the transitions of the lifecycle table for "received" — without "merged", which is the links panel's
  // merge action (the transitions endpoint refuses it).
  const offered = await page
    .locator('[data-transition]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-transition')));
  expect(offered).toEqual(['in_progress', 'resolved', 'closed']);
  await shot(page, 'ticket-en');

  // Resolve: the closure letter is required; an empty letter is refused next to its fields.
  await page.getByRole('button', { name: 'Move to “Resolved”' }).click();
  await expect(page.getByRole('group', { name: 'Closure letter' })).toBeVisible();
  await page
    .getByLabel('Root cause')
    .fill('The refund batch of 1 November failed silently at the bank gateway.');
  await page
    .getByLabel('Remedy or compensation')
    .fill('Refund re-issued manually and a 50 CNY voucher sent.');
  await page
    .getByLabel('Prevention')
    .fill('Failed refund batches now raise an alert to finance within one hour.');
  await shot(page, 'ticket-closure-en');
  await page.getByRole('button', { name: 'Resolve with this letter' }).click();
  await expect(page.getByTestId('ticket-status')).toHaveText('Resolved');
  await expect(
    page.locator('[data-testid="timeline-event"][data-type="status_changed"]').last(),
  ).toContainText('Received → Resolved');
  const after = await page
    .locator('[data-transition]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-transition')));
  expect(after).toEqual(['closed', 'reopened', 'in_progress']);
  await shot(page, 'ticket-resolved-en');

  // The server has it: status, the closure letter in the history, reply and note.
  const api = await page.request.get(`/api/v1/feedback/${refund.id}`);
  expect(((await api.json()) as { data: { status: string } }).data.status).toBe('resolved');
  const msgs = await page.request.get(`/api/v1/feedback/${refund.id}/messages`);
  const kinds = ((await msgs.json()) as { data: { kind: string }[] }).data.map((m) => m.kind);
  expect(kinds).toEqual(['customer', 'agent', 'note']);

  // Overview with its charts (lazy chunk).
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByTestId('open-total')).toHaveText('4 open items');
  await expect(page.getByTestId('chart-priority').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('chart-status').locator('canvas')).toBeVisible();
  // Figures from GET /analytics/overview (tiles link to the inbox views).
  await expect(page.getByTestId('tile-today')).toContainText('New today');
  await expect(page.getByTestId('tile-open')).toContainText('4');
  await expect(page.getByTestId('chart-channel').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('chart-daily').locator('canvas')).toBeVisible();
  expect(chunks.some((c) => /Home-/.test(c))).toBe(true);
  await page.waitForTimeout(800); // chart animation
  // The tooltip styles itself under the CSP too (a violation would fail the test).
  const box = await page.getByTestId('chart-priority').boundingBox();
  if (box) await page.mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.8);
  await page.waitForTimeout(300);
  await shot(page, 'home-en');
});

test('a ticket that does not exist shows the API message, not a blank page', async ({ page }) => {
  await logIn(page, { email: 'Email', password: 'Password', submit: 'Sign in' });
  await expect(page).toHaveURL(/\/inbox$/);
  await page.goto('/tickets/0190d3a8-0000-7000-8000-000000000000');
  await expect(page.getByRole('alert')).toContainText('Feedback item not found.');
  await expect(page.getByRole('link', { name: 'Inbox' })).toBeVisible();
});

test('inbox pages with "load more" (keyset cursor) until everything is shown', async ({ page }) => {
  await logIn(page, { email: 'Email', password: 'Password', submit: 'Sign in' });
  await expect(page).toHaveURL(/\/inbox$/);
  await page.goto('/inbox?limit=2');
  const rows = page.getByTestId('inbox-row');
  await expect(rows).toHaveCount(2);
  await page.getByTestId('load-more').click();
  await expect(rows).toHaveCount(4);
  await page.getByTestId('load-more').click();
  await expect(rows).toHaveCount(5);
  await expect(page.getByTestId('load-more')).toHaveCount(0);
  await expect(page.getByText('That is everything.')).toBeVisible();
  // Newest first, no duplicates across pages.
  const numbers = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-number') ?? ''));
  expect(new Set(numbers).size).toBe(5);
  expect([...numbers].sort().reverse()).toEqual(numbers);
});

test('assign a ticket to myself → it is in the "My open" view', async ({ page }) => {
  const zeppelin = seeded('zeppelin');
  await logIn(page, { email: 'Email', password: 'Password', submit: 'Sign in' });
  await expect(page).toHaveURL(/\/inbox$/);
  await page.getByRole('button', { name: 'My open' }).click();
  await expect(page.getByText('No feedback matches these filters.')).toBeVisible();

  await page.goto(`/tickets/${zeppelin.id}`);
  await expect(page.getByTestId('ticket-number')).toContainText(zeppelin.number);
  await page.getByRole('button', { name: 'Assign to me' }).click();
  await expect(page.locator('[data-testid="timeline-event"][data-type="assignee_changed"]')).toBeVisible();
  await expect(page.locator('.facts')).toContainText('Administrator');
  await expect(page.getByRole('button', { name: 'Assign to me' })).toHaveCount(0);
  await shot(page, 'ticket-assigned-en');

  await page.getByRole('link', { name: 'Inbox' }).first().click();
  await page.getByRole('button', { name: 'My open' }).click();
  const rows = page.getByTestId('inbox-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-number', zeppelin.number);
  await expect(rows.first()).toContainText('Administrator');
});
