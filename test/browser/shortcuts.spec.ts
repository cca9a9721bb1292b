import { expect, logIn, shot, test } from './fixtures.js';

test.use({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });

test('keyboard: j/k/o in the inbox, r/n/a on a ticket, ? shows the shortcuts, g i back to the inbox', async ({
  page,
}) => {
  await logIn(page, { email: '邮箱', password: '密码', submit: '登录' });
  await expect(page).toHaveURL(/\/inbox$/);
  const rows = page.getByTestId('inbox-row');
  await expect(rows.nth(1)).toBeVisible();
  await page.locator('body').click({ position: { x: 5, y: 400 } });

  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('k');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'false');
  const number = (await rows.nth(0).getAttribute('data-number')) ?? '';
  await page.keyboard.press('o');
  await expect(page.getByTestId('ticket-number')).toContainText(number);

  // r: reply mode, the text box has the focus (and the "r" was not typed into it).
  const box = page.getByRole('textbox', { name: '撰写' });
  // The ticket page mounts its composer and assignment panel after the header: wait for them before the keys.
  await expect(box).toBeVisible();
  await expect(page.locator('select[name="assigneeId"]')).toBeVisible();
  await page.keyboard.press('n');
  await expect(box).toBeFocused();
  await expect(page.getByTestId('mode-note')).toBeChecked();
  await expect(box).toHaveValue('');
  await page.locator('h1').click();
  await page.keyboard.press('r');
  await expect(box).toBeFocused();
  await expect(page.getByTestId('mode-note')).not.toBeChecked();
  await page.locator('h1').click();
  await page.keyboard.press('a');
  await expect(page.locator('select[name="assigneeId"]')).toBeFocused();

  // ?: the list of shortcuts, in the user's language; Esc closes it.
  await page.locator('h1').click();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: '键盘快捷键' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('撰写内部备注');
  await shot(page, 'shortcuts-zh');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(page).toHaveURL(/\/inbox$/);
});
