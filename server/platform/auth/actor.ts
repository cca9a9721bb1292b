import type { Role } from '../../../shared/enums.js';
import { AppError } from '../http/errors.js';

/** Who is acting: a logged-in user, an integration's API key, or the system itself (jobs, CLI). */
export interface Actor {
  type: 'user' | 'api_key' | 'system';
  id: string | null;
  role: Role;
  departmentId: string | null;
  name: string;
}

export const SYSTEM_ACTOR: Actor = {
  type: 'system',
  id: null,
  role: 'admin',
  departmentId: null,
  name: 'system',
};

/** Throws 401 unless the request is authenticated. */
export function requireActor(actor: Actor | null | undefined): Actor {
  if (!actor) throw new AppError('unauthenticated');
  return actor;
}

/** Throws 403 unless the actor has one of the roles. */
export function requireRole(actor: Actor | null | undefined, ...roles: Role[]): Actor {
  const a = requireActor(actor);
  if (!roles.includes(a.role)) throw new AppError('forbidden');
  return a;
}
