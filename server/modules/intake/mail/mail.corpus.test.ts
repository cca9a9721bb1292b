import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { receiveEmail } from './index.js';

interface Expectation {
  outcome: 'created' | 'appended' | 'ignored' | 'rejected';
  reason?: string;
  from?: string;
  customerName?: string;
  language?: string | null;
  subject?: string;
  descriptionIncludes?: string[];
  htmlIncludes?: string[];
  htmlExcludes?: string[];
  attachments?: number;
  attachmentNames?: string[];
}

const DIR = path.resolve(import.meta.dirname, '../../../../test/fixtures/mail');
const EXPECTED = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Record<
  string,
  Expectation
>;
const FILES = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.eml'))
  .sort();

describe('email corpus (test/fixtures/mail): real-world-shaped messages through receiveEmail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('has an expectation for every message and a message for every expectation', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(15);
    expect(Object.keys(EXPECTED).sort()).toEqual(FILES);
  });

  it.each(FILES)('%s', async (file) => {
    const raw = fs.readFileSync(path.join(DIR, file));
    const want = EXPECTED[file]!;
    const before = await t.ctx.database.db
      .selectFrom('feedback')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const result = await receiveEmail(t.ctx, raw, { via: 'smtp' });
    expect(result.outcome).toBe(want.outcome);
    if (want.reason !== undefined) expect(result.reason).toBe(want.reason);

    const original = await t.ctx.database.db
      .selectFrom('intake_submissions')
      .selectAll()
      .where('content_type', '=', 'message/rfc822')
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(original.outcome).toBe(want.outcome);
    const kept =
      original.payload_encoding === 'base64'
        ? Buffer.from(original.payload!, 'base64')
        : Buffer.from(original.payload!);
    expect(kept.equals(raw)).toBe(true);

    const after = await t.ctx.database.db
      .selectFrom('feedback')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    if (want.outcome !== 'created') {
      expect(result.feedbackId).toBeNull();
      expect(Number(after.n)).toBe(Number(before.n));
      return;
    }
    expect(Number(after.n)).toBe(Number(before.n) + 1);
    const item = await t.ctx.database.db
      .selectFrom('feedback')
      .selectAll()
      .where('id', '=', result.feedbackId!)
      .executeTakeFirstOrThrow();
    expect(item.channel).toBe('email');
    expect(item.language).toBe(want.language ?? null);
    expect(item.subject).toBe(want.subject);
    for (const snippet of want.descriptionIncludes ?? []) expect(item.description).toContain(snippet);
    const email = (JSON.parse(item.custom_fields) as { email: { html: string | null } }).email;
    for (const snippet of want.htmlIncludes ?? []) expect(email.html).toContain(snippet);
    for (const snippet of want.htmlExcludes ?? []) expect(email.html ?? '').not.toContain(snippet);

    const identity = await t.ctx.database.db
      .selectFrom('customer_identities')
      .innerJoin('customers', 'customers.id', 'customer_identities.customer_id')
      .select(['customer_identities.value', 'customers.name', 'customers.id'])
      .where('customers.id', '=', item.customer_id!)
      .where('customer_identities.kind', '=', 'email')
      .executeTakeFirstOrThrow();
    expect(identity.value).toBe(want.from);
    if (want.customerName) expect(identity.name).toBe(want.customerName);

    const files = await t.ctx.database.db
      .selectFrom('feedback_attachments')
      .select('file_name')
      .where('feedback_id', '=', item.id)
      .orderBy('file_name')
      .execute();
    expect(files.length).toBe(want.attachments ?? 0);
    if (want.attachmentNames) expect(files.map((f) => f.file_name)).toEqual(want.attachmentNames);
  });
});
