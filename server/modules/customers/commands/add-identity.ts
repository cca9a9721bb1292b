import type { IdentityInput } from '../../../../shared/contracts/customers.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../identity/index.js';
import * as repo from '../customers.repository.js';
import { normalizeIdentity } from '../normalize-identity.js';
import { loadCustomerForChange } from './load-for-change.js';

/**
 * Adds an email, phone or external id to a customer. Adding one the customer already has is a no-op
 * (returns created: false); one owned by another customer is 409 identity_taken.
 */
export async function addIdentity(options: {
  trx: DbOrTrx;
  actor: Actor;
  customerId: string;
  input: IdentityInput;
  at: string;
  ip?: string | null;
}): Promise<{ identityId: string; created: boolean }> {
  const { trx, actor, customerId, input, at, ip } = options;
  await loadCustomerForChange(trx, customerId);
  const key: repo.IdentityKey = { kind: input.kind, value: normalizeIdentity(input.kind, input.value) };
  const identityId = newId();
  if (
    !(await repo.insertIdentityIfFree(trx, {
      id: identityId,
      customer_id: customerId,
      ...key,
      created_at: at,
    }))
  ) {
    const [existing] = await repo.findIdentitiesByKeys(trx, [key]);
    if (existing?.customer_id === customerId) return { identityId: existing.id, created: false };
    throw new AppError('identity_taken', { params: { kind: key.kind }, details: { kind: key.kind } });
  }
  await repo.updateCustomer(trx, customerId, { updated_at: at });
  await recordAudit(trx, {
    actor,
    action: 'customer.identity_added',
    entityType: 'customer',
    entityId: customerId,
    details: { identityId, kind: key.kind },
    ip,
    at,
  });
  return { identityId, created: true };
}
