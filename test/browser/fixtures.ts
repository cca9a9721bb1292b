import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

export { expect };

export const baseUrl = () => process.env.CL_BASE_URL ?? '';
export const dbKind = () => process.env.CL_DB_KIND ?? 'sqlite';
export function seeded(key: string): { id: string; number: string } {
  const all = JSON.parse(process.env.CL_SEED ?? '{}') as Record<string, { id: string; number: string }>;
  const item = all[key];
  if (!item) throw new Error(`no seeded item ${key}`);
  return item;
}

/** The 6-digit tracking code mailed to `to` (waits for the real SMTP server to receive it). */
export async function mailedCode(to: string, timeoutMs = 20_000): Promise<string> {
  const dir = process.env.CL_MAIL_DIR ?? '';
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort().reverse() : [];
    for (const f of files) {
      const [rcpt, ...body] = fs.readFileSync(path.join(dir, f), 'utf8').split('\n');
      const code = /(?:验证码：|Your code: )(\d{6})/.exec(body.join('\n'))?.[1];
      if (code && rcpt?.split(',').includes(to)) return code;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no tracking code mailed to ${to}`);
}

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/** Full-page screenshot under test-results/screenshots/<db>/<name>.png, to be looked at. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = path.join(SHOTS, dbKind());
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/**
 * Every test fails on a CSP violation or an uncaught page error: the app must run under
 * `script-src 'self'` with nothing inline.
 */
export const test = base.extend<{ problems: string[] }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures name their dependencies in an object pattern
  baseURL: async ({}, use) => {
    await use(baseUrl());
  },
  problems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error' && /Content[- ]Security[- ]Policy/i.test(msg.text()))
          problems.push(msg.text());
      });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      await use(problems);
      expect(problems, 'CSP violations or page errors').toEqual([]);
    },
    { auto: true },
  ],
});

export async function logIn(page: Page, labels: { email: string; password: string; submit: string }) {
  await page.goto('/login');
  await page.getByLabel(labels.email).fill(process.env.CL_ADMIN_EMAIL ?? '');
  await page.getByLabel(labels.password, { exact: true }).fill(process.env.CL_ADMIN_PASSWORD ?? '');
  await page.getByRole('button', { name: labels.submit }).click();
}
