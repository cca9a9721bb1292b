import type { CreateCustomer } from '../../../../shared/contracts/customers.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../identity/index.js';
import * as repo from '../customers.repository.js';
import { normalizeIdentity } from '../normalize-identity.js';

/** Creates a customer with its identities; 409 identity_taken when one belongs to someone else. */
export async function createCustomer(options: {
  trx: DbOrTrx;
  actor: Actor;
  input: CreateCustomer;
  at: string;
  ip?: string | null;
}): Promise<string> {
  const { trx, actor, input, at, ip } = options;
  const keys = new Map<string, repo.IdentityKey>();
  for (const identity of input.identities ?? []) {
    const key = { kind: identity.kind, value: normalizeIdentity(identity.kind, identity.value) };
    keys.set(`${key.kind}\u0000${key.value}`, key);
  }
  const id = newId();
  await repo.insertCustomer(trx, {
    id,
    name: input.name ?? null,
    tier: input.tier ?? 'normal',
    locale: input.locale ?? null,
    notes: input.notes ?? null,
    created_at: at,
  });
  for (const key of keys.values()) {
    if (!(await repo.insertIdentityIfFree(trx, { id: newId(), customer_id: id, ...key, created_at: at }))) {
      throw new AppError('identity_taken', { params: { kind: key.kind }, details: { kind: key.kind } });
    }
  }
  await recordAudit(trx, {
    actor,
    action: 'customer.created',
    entityType: 'customer',
    entityId: id,
    details: { tier: input.tier ?? 'normal', identityKinds: [...keys.values()].map((k) => k.kind) },
    ip,
    at,
  });
  return id;
}
