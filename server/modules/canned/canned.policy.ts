import { type Actor, requireActor, requireRole } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/http/errors.js';
import type { CannedRow } from './canned.repository.js';

/** Writing canned responses: supervisors and administrators. */
export function authorizeManageCanned(actor: Actor | null): Actor {
  return requireRole(actor, 'admin', 'supervisor');
}

/** Reading the catalogue: every role that writes replies (not analysts or department members). */
export function authorizeReadCanned(actor: Actor | null): Actor {
  return requireRole(actor, 'admin', 'supervisor', 'agent');
}

/** Whether the actor is offered a response: everyone-scoped ones, their department's; admins and supervisors all. */
export function canUseCanned(actor: Actor, row: CannedRow): boolean {
  if (actor.role === 'admin' || actor.role === 'supervisor') return true;
  return row.department_id === null || row.department_id === actor.departmentId;
}

/** 404 canned_response_not_found when the actor is not offered it. */
export function assertCanUseCanned(actor: Actor | null, row: CannedRow | undefined): CannedRow {
  const a = requireActor(actor);
  if (!row || !canUseCanned(a, row)) throw new AppError('canned_response_not_found');
  return row;
}
