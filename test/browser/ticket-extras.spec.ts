import { expect, logIn, seeded, shot, test } from './fixtures.js';

test.use({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });

test('ticket: a note with an attached file (two-step upload) → download link; a related ticket linked, shown and unlinked', async ({
  page,
}) => {
  await logIn(page, { email: 'Email', password: 'Password', submit: 'Sign in' });
  await expect(page).toHaveURL(/\/inbox$/);
  const item = seeded('idea');
  const other = seeded('praise');

  // A manual link made over the API (as another agent would), with the session's CSRF token.
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { data: { csrfToken: string } };
  const linked = await page.request.post(`/api/v1/feedback/${item.id}/links`, {
    headers: { 'x-csrf-token': me.data.csrfToken },
    data: { relatedId: other.id, kind: 'related' },
  });
  expect(linked.status()).toBe(201);
  // A second item from the same customer, for the customer panel's history.
  const second = await page.request.post('/api/v1/feedback', {
    headers: { 'x-csrf-token': me.data.csrfToken },
    data: {
      channel: 'email',
      description: 'The app also forgets my language setting after every update.',
      customer: { name: 'Bob Lee', email: 'bob@example.com' },
    },
  });
  expect(second.status()).toBe(201);
  const secondNumber = ((await second.json()) as { data: { number: string } }).data.number;

  await page.goto(`/tickets/${item.id}`);
  const links = page.getByTestId('links-panel');
  await expect(links.locator('li[data-kind="related"]')).toContainText(other.number);
  await expect(links.locator('li[data-kind="related"]')).toContainText('Related');
  // The customer panel: profile, tier, contact, their other feedback.
  const customer = page.getByTestId('customer-panel');
  await expect(customer).toContainText('Bob Lee');
  await expect(customer.getByTestId('customer-tier')).toHaveText('Regular');
  await expect(customer).toContainText('bob@example.com');
  await expect(customer).toContainText('Feedback in total: 2');
  await expect(customer.getByTestId('customer-history')).toContainText(secondNumber);
  await expect(page.locator('[data-testid="timeline-event"][data-type="linked"]')).toContainText(
    'Linked to another ticket',
  );

  // Internal note with a file: uploaded first (POST /attachments), then named by its token on the message.
  const content = '对账单差异说明\nstatement line 42: 1,280.00 CNY\n';
  await page.getByTestId('mode-note').check();
  await page.getByRole('textbox', { name: 'Write' }).fill('Statement attached for the finance team.');
  await page.getByTestId('composer-files').setInputFiles({
    name: '对账单说明.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(content, 'utf8'),
  });
  await page.getByRole('button', { name: 'Add note' }).click();
  const note = page.locator('[data-testid="timeline-message"][data-kind="note"]').last();
  await expect(note).toContainText('Statement attached');
  const link = note.getByTestId('attachment').getByRole('link', { name: '对账单说明.txt' });
  await expect(link).toBeVisible();
  const href = (await link.getAttribute('href')) ?? '';
  expect(href).toMatch(new RegExp(`^/api/v1/feedback/${item.id}/attachments/[0-9a-f-]{36}$`));
  const download = await page.request.get(href);
  expect(download.status()).toBe(200);
  expect(await download.text()).toBe(content);
  await shot(page, 'ticket-attachment-en');

  // Merging is offered in the links panel (merge into the related ticket), not as a plain status change.
  await expect(links.getByRole('button', { name: `Merge this ticket into ${other.number}` })).toBeVisible();

  // Unlink: the panel goes away and the history says so.
  await links.getByRole('button', { name: 'Unlink' }).click();
  await expect(page.getByTestId('links-panel')).toHaveCount(0);
  await expect(page.locator('[data-testid="timeline-event"][data-type="unlinked"]')).toContainText(
    'Link to another ticket removed',
  );
});
