import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.js';
import type { Db } from '../../../platform/db/database.js';
import { getCustomerSummaries } from '../index.js';
import { type ResolveCustomerInput, resolveCustomer } from './resolve-customer.js';

let t: TestApp;
let db: Db;
const at = '2026-11-23T08:00:00.000Z';

beforeAll(async () => {
  t = await createTestApp();
  db = t.ctx.database.db;
});
afterAll(async () => t?.close());

const resolve = (input: ResolveCustomerInput) =>
  db.transaction().execute((trx) => resolveCustomer(trx, input, at));

async function identitiesOf(customerId: string) {
  return db
    .selectFrom('customer_identities')
    .select(['kind', 'value'])
    .where('customer_id', '=', customerId)
    .orderBy('kind')
    .execute();
}

describe('resolveCustomer', () => {
  it('returns null when nothing identifies a customer', async () => {
    expect(await resolve({})).toBeNull();
    expect(await resolve({ email: '  ', phone: '' })).toBeNull();
  });

  it('finds the same person whatever format the phone number is written in', async () => {
    const first = await resolve({ name: '王芳', phone: '138 0013 8000' });
    expect(first).not.toBeNull();
    for (const phone of ['+86 138-0013-8000', '008613800138000', '13800138000']) {
      expect(await resolve({ phone }), phone).toBe(first);
    }
    expect(await identitiesOf(first!)).toEqual([{ kind: 'phone', value: '+8613800138000' }]);
    const count = await db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('matches email case-insensitively, fills a missing name and adds new identities', async () => {
    const id = await resolve({ email: 'Zhao.Lei@Example.com' });
    expect(id).not.toBeNull();
    const again = await resolve({
      email: ' zhao.lei@example.COM ',
      name: '赵磊',
      phone: '+86 139 1111 2222',
      externalId: 'CRM:778',
    });
    expect(again).toBe(id);
    expect(await identitiesOf(id!)).toEqual([
      { kind: 'email', value: 'zhao.lei@example.com' },
      { kind: 'external', value: 'crm:778' },
      { kind: 'phone', value: '+8613911112222' },
    ]);
    const summary = (await getCustomerSummaries(db, [id!, 'not-a-uuid'])).get(id!);
    expect(summary).toMatchObject({ id, name: '赵磊', tier: 'normal' });
    // A later, different name does not overwrite the one on file.
    await resolve({ email: 'zhao.lei@example.com', name: 'Someone Else' });
    expect((await getCustomerSummaries(db, [id!])).get(id!)?.name).toBe('赵磊');
  });

  it('prefers email over phone and never takes an identity from another customer', async () => {
    const byEmail = await resolve({ email: 'a.person@example.com' });
    const byPhone = await resolve({ phone: '13922223333' });
    expect(byEmail).not.toBe(byPhone);
    const resolved = await resolve({ email: 'a.person@example.com', phone: '13922223333' });
    expect(resolved).toBe(byEmail);
    expect(await identitiesOf(byEmail!)).toEqual([{ kind: 'email', value: 'a.person@example.com' }]);
    expect(await identitiesOf(byPhone!)).toEqual([{ kind: 'phone', value: '+8613922223333' }]);
  });

  it('takes a customerId as is and rejects an unknown one', async () => {
    const id = await resolve({ email: 'by.id@example.com' });
    expect(await resolve({ customerId: id! })).toBe(id);
    await expect(resolve({ customerId: '01900000-0000-7000-8000-000000000000' })).rejects.toMatchObject({
      code: 'customer_not_found',
      status: 404,
    });
    await expect(resolve({ customerId: 'nonsense' })).rejects.toMatchObject({ code: 'customer_not_found' });
  });

  it('rejects an invalid email or phone with a 400', async () => {
    await expect(resolve({ email: 'not-an-email' })).rejects.toMatchObject({
      code: 'invalid_email',
      status: 400,
    });
    await expect(resolve({ phone: '12' })).rejects.toMatchObject({ code: 'invalid_phone', status: 400 });
  });

  it('creates exactly one customer when concurrent transactions carry the same new email', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        resolve({ email: 'Race@Example.com', phone: i % 2 === 0 ? '13933334444' : '+86 139 3333 4444' }),
      ),
    );
    expect(new Set(results).size).toBe(1);
    const owners = await db
      .selectFrom('customer_identities')
      .select(['customer_id'])
      .where('value', 'in', ['race@example.com', '+8613933334444'])
      .execute();
    expect(owners).toHaveLength(2);
    expect(new Set(owners.map((o) => o.customer_id))).toEqual(new Set([results[0]]));
    const orphans = await db
      .selectFrom('customers')
      .select('id')
      .where('id', 'not in', db.selectFrom('customer_identities').select('customer_id'))
      .execute();
    expect(orphans).toEqual([]);
  });
});
