import { expect, logIn, seeded, shot, test } from './fixtures.js';

test.use({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });

function localDate(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
}

test('inbox: channel, created-date and tag filters, and the VIP view', async ({ page }) => {
  await logIn(page, { email: 'Email', password: 'Password', submit: 'Sign in' });
  await expect(page).toHaveURL(/\/inbox$/);
  const rows = page.getByTestId('inbox-row');
  await expect(rows.first()).toBeVisible();
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { data: { csrfToken: string } };

  // Channel: the rows are exactly what the API lists for that channel.
  await page.getByLabel('Channel').selectOption('phone');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/channel=phone/);
  const api = (await (await page.request.get('/api/v1/feedback?channel=phone&limit=200')).json()) as {
    data: { number: string }[];
  };
  await expect(rows).toHaveCount(api.data.length);
  const shown = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-number')));
  expect(shown.sort()).toEqual(api.data.map((i) => i.number).sort());

  // Created dates are local days of the user's time zone: nothing was created before today.
  await page.getByLabel('Created until').fill(localDate(-1));
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('No feedback matches these filters.')).toBeVisible();
  await page.getByLabel('Created until').fill('');
  await page.getByLabel('Created from').fill(localDate(0));
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(rows).toHaveCount(api.data.length);

  // A tag nobody carries.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('Tag (and below)').fill('没有这个标签');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('No feedback matches these filters.')).toBeVisible();

  // VIP view: the open items of VIP customers.
  const urgent = seeded('urgent');
  const item = (await (await page.request.get(`/api/v1/feedback/${urgent.id}`)).json()) as {
    data: { customer: { id: string } };
  };
  const setTier = (tier: string) =>
    page.request.patch(`/api/v1/customers/${item.data.customer.id}`, {
      headers: { 'x-csrf-token': me.data.csrfToken },
      data: { tier },
    });
  expect((await setTier('vip')).status()).toBe(200);
  try {
    await page.getByRole('button', { name: 'VIP', exact: true }).click();
    await expect(page).toHaveURL(/view=vip/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-number', urgent.number);
    await shot(page, 'inbox-vip-en');
  } finally {
    expect((await setTier('normal')).status()).toBe(200);
  }
});
