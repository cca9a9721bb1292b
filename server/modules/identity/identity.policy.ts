import type { Role } from '../../../shared/enums.js';
import { type Actor, requireActor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/http/errors.js';

/** Roles that work tickets or oversee them; they may see colleagues (e.g. to assign work). */
const STAFF_ROLES: readonly Role[] = ['admin', 'supervisor', 'agent', 'analyst', 'department_member'];

export function isStaffRole(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}

export function canManageUsers(actor: Actor | null | undefined): boolean {
  return actor?.role === 'admin';
}

export function canManageDepartments(actor: Actor | null | undefined): boolean {
  return actor?.role === 'admin';
}

export function canManageApiKeys(actor: Actor | null | undefined): boolean {
  return actor?.role === 'admin';
}

export function canReadAuditLog(actor: Actor | null | undefined): boolean {
  return actor?.role === 'admin' || actor?.role === 'supervisor';
}

export function canListUsers(actor: Actor | null | undefined): boolean {
  return actor != null && isStaffRole(actor.role);
}

/** 401 when anonymous, 403 when the check fails; returns the actor for the handler. */
export function authorize(actor: Actor | null | undefined, allowed: (a: Actor) => boolean): Actor {
  const a = requireActor(actor);
  if (!allowed(a)) throw new AppError('forbidden');
  return a;
}
