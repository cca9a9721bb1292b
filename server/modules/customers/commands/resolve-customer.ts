import type { IdentityKind, Locale } from '../../../../shared/enums.js';
import { type Actor, SYSTEM_ACTOR } from '../../../platform/auth/actor.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../identity/index.js';
import * as repo from '../customers.repository.js';
import { normalizeIdentity } from '../normalize-identity.js';

export interface ResolveCustomerInput {
  customerId?: string;
  name?: string;
  email?: string;
  phone?: string;
  externalId?: string;
  locale?: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Identities are matched, and inserted, in this order; one fixed order also avoids lock-order deadlocks.
const PRIORITY: IdentityKind[] = ['email', 'phone', 'external'];
const MAX_ATTEMPTS = 3;

function clean(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

function customerLocale(value: string | undefined): Locale | undefined {
  const tag = value?.trim().toLowerCase();
  if (tag === 'zh' || tag?.startsWith('zh-')) return 'zh-CN';
  if (tag === 'en' || tag?.startsWith('en-')) return 'en';
  return undefined;
}

function identityKeys(input: ResolveCustomerInput): repo.IdentityKey[] {
  const raw: Record<IdentityKind, string | undefined> = {
    email: clean(input.email),
    phone: clean(input.phone),
    external: clean(input.externalId),
  };
  return PRIORITY.flatMap((kind) => {
    const value = raw[kind];
    return value === undefined ? [] : [{ kind, value: normalizeIdentity(kind, value) }];
  });
}

/**
 * Finds or creates the customer a submission belongs to, inside the caller's transaction.
 * By id (must exist), else by email, phone (E.164, Chinese numbers by default), then external id.
 * A found customer gains a missing name and any new identity nobody else owns. Returns null when
 * nothing identifies anyone. Safe under concurrent creates of the same new identity.
 */
export async function resolveCustomer(
  db: DbOrTrx,
  input: ResolveCustomerInput,
  at: string,
  actor: Actor = SYSTEM_ACTOR,
): Promise<string | null> {
  const name = clean(input.name)?.slice(0, 200);
  const locale = customerLocale(input.locale);
  const keys = identityKeys(input);

  if (input.customerId !== undefined) {
    const found = UUID_RE.test(input.customerId)
      ? await repo.findCustomerById(db, input.customerId)
      : undefined;
    if (!found) throw new AppError('customer_not_found');
    if (!found.erased_at) await enrich(db, found, { name, locale, keys, at, actor });
    return found.id;
  }
  if (keys.length === 0 && name === undefined) return null;

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const owners = await repo.findIdentitiesByKeys(db, keys);
    const match = keys
      .map((k) => owners.find((o) => o.kind === k.kind && o.value === k.value))
      .find((o) => o !== undefined);
    if (match) {
      const customer = await repo.findCustomerById(db, match.customer_id);
      if (customer) {
        await enrich(db, customer, { name, locale, keys, at, actor });
        return customer.id;
      }
    }
    const id = newId();
    await repo.insertCustomer(db, {
      id,
      name: name ?? null,
      tier: 'normal',
      locale: locale ?? null,
      notes: null,
      created_at: at,
    });
    let lostRace = false;
    for (const key of keys) {
      if (!(await repo.insertIdentityIfFree(db, { id: newId(), customer_id: id, ...key, created_at: at }))) {
        lostRace = true;
        break;
      }
    }
    if (!lostRace) {
      await recordAudit(db, {
        actor,
        action: 'customer.created',
        entityType: 'customer',
        entityId: id,
        details: { via: 'resolve', identityKinds: keys.map((k) => k.kind) },
        at,
      });
      return id;
    }
    // A concurrent transaction committed one of these identities first: drop ours and match again.
    await repo.deleteCustomer(db, id);
  }
  throw new AppError('conflict');
}

async function enrich(
  db: DbOrTrx,
  customer: repo.CustomerRow,
  options: { name?: string; locale?: string; keys: repo.IdentityKey[]; at: string; actor: Actor },
): Promise<void> {
  const { name, locale, keys, at, actor } = options;
  const fields: string[] = [];
  const patch: { name?: string; locale?: string; updated_at: string } = { updated_at: at };
  if (name !== undefined && customer.name === null) {
    patch.name = name;
    fields.push('name');
  }
  if (locale !== undefined && customer.locale === null) {
    patch.locale = locale;
    fields.push('locale');
  }
  const added: IdentityKind[] = [];
  for (const key of keys) {
    const row = { id: newId(), customer_id: customer.id, ...key, created_at: at };
    if (await repo.insertIdentityIfFree(db, row)) added.push(key.kind);
  }
  if (fields.length === 0 && added.length === 0) return;
  await repo.updateCustomer(db, customer.id, patch);
  await recordAudit(db, {
    actor,
    action: 'customer.enriched',
    entityType: 'customer',
    entityId: customer.id,
    details: { via: 'resolve', fields, identityKinds: added },
    at,
  });
}
