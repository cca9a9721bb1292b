import type { Actor } from '../../../platform/auth/actor.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../identity/index.js';
import * as repo from '../customers.repository.js';
import { loadCustomerForChange } from './load-for-change.js';

/** Removes one identity of a customer; 404 identity_not_found when it is not theirs. */
export async function removeIdentity(options: {
  trx: DbOrTrx;
  actor: Actor;
  customerId: string;
  identityId: string;
  at: string;
  ip?: string | null;
}): Promise<void> {
  const { trx, actor, customerId, identityId, at, ip } = options;
  await loadCustomerForChange(trx, customerId);
  const identity = await repo.findIdentity(trx, customerId, identityId);
  if (!identity) throw new AppError('identity_not_found');
  await repo.deleteIdentity(trx, identityId);
  await repo.updateCustomer(trx, customerId, { updated_at: at });
  await recordAudit(trx, {
    actor,
    action: 'customer.identity_removed',
    entityType: 'customer',
    entityId: customerId,
    details: { identityId, kind: identity.kind },
    ip,
    at,
  });
}
