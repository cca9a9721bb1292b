import type { Role } from '../../../shared/enums.js';
import { type Actor, requireActor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/http/errors.js';

export type CustomerAction = 'read' | 'create' | 'update' | 'erase';

const ALLOWED: Record<CustomerAction, readonly Role[]> = {
  read: ['admin', 'supervisor', 'agent', 'analyst', 'department_member'],
  create: ['admin', 'supervisor', 'agent'],
  update: ['admin', 'supervisor', 'agent'],
  erase: ['admin'],
};

/** Roles that handle customers directly and so may see their contact details unmasked. */
const PII_ROLES: readonly Role[] = ['admin', 'supervisor', 'agent'];

/** 401 when anonymous, 403 when the actor's role may not do this; returns the actor. */
export function authorizeCustomer(actor: Actor | null | undefined, action: CustomerAction): Actor {
  const a = requireActor(actor);
  if (!ALLOWED[action].includes(a.role)) throw new AppError('forbidden');
  return a;
}

export function canSeeCustomerPii(actor: Actor): boolean {
  return PII_ROLES.includes(actor.role);
}
