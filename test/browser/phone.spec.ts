import { expect, logIn, shot, test } from './fixtures.js';

test.use({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });

test('log a phone call from the console → a ticket on the phone channel', async ({ page }) => {
  await logIn(page, { email: 'Email', password: 'Password', submit: 'Sign in' });
  await expect(page).toHaveURL(/\/inbox$/);
  await page.getByRole('link', { name: 'Log a call' }).click();
  await expect(page.getByRole('heading', { name: 'Log a phone call' })).toBeVisible();

  // Nothing filled in: the API's messages appear next to the phone and the notes.
  await page.getByRole('button', { name: 'Create the ticket' }).click();
  await expect(page.getByLabel('Phone number')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('What the caller said')).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'call-errors-en');

  await page.getByLabel("Caller's name (optional)").fill('刘洋');
  await page.getByLabel('Phone number').fill('+86 139 1234 5678');
  await page.getByLabel('Duration (minutes)').fill('7');
  await page.getByLabel('Nature').selectOption('inquiry');
  await page.getByLabel('What the caller said').fill('来电咨询信用卡年费减免政策，希望有人回电说明。');
  await page.getByRole('button', { name: 'Create the ticket' }).click();

  await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('ticket-number')).toContainText(/FB-\d{8}-\d{6}/);
  const facts = page.locator('.facts');
  await expect(facts).toContainText('Phone');
  await expect(facts).toContainText('Inquiry');
  await expect(facts).toContainText('刘洋');
  await expect(page.getByTestId('timeline-message').first()).toContainText('信用卡年费减免');
  await shot(page, 'call-ticket-en');
});
