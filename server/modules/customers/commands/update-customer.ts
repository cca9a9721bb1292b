import type { UpdateCustomer } from '../../../../shared/contracts/customers.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { recordAudit } from '../../identity/index.js';
import * as repo from '../customers.repository.js';
import { loadCustomerForChange } from './load-for-change.js';

/** Changes name, tier, locale or notes; the audit entry names the changed fields, never their values. */
export async function updateCustomer(options: {
  trx: DbOrTrx;
  actor: Actor;
  customerId: string;
  input: UpdateCustomer;
  at: string;
  ip?: string | null;
}): Promise<void> {
  const { trx, actor, customerId, input, at, ip } = options;
  const customer = await loadCustomerForChange(trx, customerId);
  const patch: Parameters<typeof repo.updateCustomer>[2] = { updated_at: at };
  const changed: string[] = [];
  if (input.name !== undefined && input.name !== customer.name) patch.name = input.name;
  if (input.tier !== undefined && input.tier !== customer.tier) patch.tier = input.tier;
  if (input.locale !== undefined && input.locale !== customer.locale) patch.locale = input.locale;
  if (input.notes !== undefined && input.notes !== customer.notes) patch.notes = input.notes;
  for (const field of ['name', 'tier', 'locale', 'notes'] as const) {
    if (field in patch) changed.push(field);
  }
  if (changed.length === 0) return;
  await repo.updateCustomer(trx, customerId, patch);
  await recordAudit(trx, {
    actor,
    action: 'customer.updated',
    entityType: 'customer',
    entityId: customerId,
    details: {
      fields: changed,
      ...(patch.tier ? { tier: { from: customer.tier, to: patch.tier } } : {}),
    },
    ip,
    at,
  });
}
