import { expect, mailedCode, shot, test } from './fixtures.js';

test.describe('customer portal in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('errors next to the fields, then submit → ticket number and tracking link', async ({ page }) => {
    await page.goto('/portal');
    await expect(page.getByRole('heading', { name: '请告诉我们发生了什么' })).toBeVisible();

    // Nothing filled in: the API's validation message appears next to the description.
    await page.getByRole('button', { name: '提交反馈' }).click();
    await expect(page.locator('#description-error')).toBeVisible();
    await expect(page.getByLabel('发生了什么？')).toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel('发生了什么？').fill('昨天在门店排队一个多小时才办完业务，希望增加窗口。');
    // No consent yet: the consent error sits next to the checkbox.
    await page.getByLabel('邮箱').fill('portal.user@example.com');
    await page.getByRole('button', { name: '提交反馈' }).click();
    await expect(page.locator('#consent-error')).toContainText('同意');
    await shot(page, 'portal-errors-zh');

    // A bad email: its own message next to the email field.
    await page.getByLabel('我同意为处理本次反馈而使用我的联系方式和留言内容。').check();
    await page.getByLabel('邮箱').fill('not-an-email');
    await page.getByRole('button', { name: '提交反馈' }).click();
    await expect(page.locator('#email-error')).toBeVisible();

    await page.getByLabel('邮箱').fill('portal.user@example.com');
    await page.getByLabel('反馈类型').selectOption('suggestion');
    await page.getByRole('button', { name: '提交反馈' }).click();
    await expect(page.getByTestId('portal-done')).toContainText('谢谢，我们已收到您的反馈。');
    const number = (await page.getByTestId('ticket-number').textContent())?.trim() ?? '';
    expect(number).toMatch(/^FB-\d{8}-\d{6}$/);
    await expect(page.getByTestId('tracking-link')).toHaveAttribute('href', new RegExp(`/track/${number}$`));
    await shot(page, 'portal-done-zh');

    // Track it: number (from the link) + the contact → a code by mail → the public view of the ticket.
    await page.getByTestId('tracking-link').click();
    await expect(page.getByRole('heading', { name: '查询工单进度' })).toBeVisible();
    await expect(page.getByLabel('工单编号')).toHaveValue(number);
    await page.getByLabel('邮箱或手机号码').fill('portal.user@example.com');
    await page.getByRole('button', { name: '发送验证码' }).click();
    await expect(page.getByRole('status')).toContainText('验证码已发出');
    await page.getByLabel('6 位验证码').fill('000000');
    await page.getByRole('button', { name: '查看工单' }).click();
    await expect(page.locator('#code-error')).toHaveText(
      '工单号或验证码不正确，请核对后重试，或重新获取验证码。',
    );
    // The code that came by mail (a wrong try does not use it up).
    const code = await mailedCode('portal.user@example.com');
    await page.getByLabel('6 位验证码').fill(code);
    await page.getByRole('button', { name: '查看工单' }).click();
    await expect(page.getByTestId('tracked-ticket')).toContainText(`工单 ${number}`);
    await expect(page.getByTestId('tracked-status')).toHaveText('已受理');
    await expect(page.getByTestId('tracked-entry').first()).toBeVisible();
    await shot(page, 'track-zh');
    // The view survives a reload within the session.
    await page.reload();
    await expect(page.getByTestId('tracked-status')).toHaveText('已受理');
  });
});

test.describe('customer portal in English', () => {
  test.use({ locale: 'en-GB' });

  test('submit with a phone number → ticket number', async ({ page }) => {
    await page.goto('/portal');
    await page
      .getByLabel('What happened?')
      .fill('The checkout page keeps timing out when I pay with my card.');
    await page.getByLabel('Phone').fill('+86 138 0013 8001');
    await page
      .getByLabel('I agree that my contact details and message are processed to handle this feedback.')
      .check();
    await shot(page, 'portal-en');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await expect(page.getByTestId('portal-done')).toContainText('Thank you');
    await expect(page.getByTestId('ticket-number')).not.toBeEmpty();
    await shot(page, 'portal-done-en');
  });
});
