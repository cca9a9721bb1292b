import { type Actor, requireActor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/http/errors.js';

/** Calendars, policies and escalation lists: read by staff, changed by admins. */
export function authorizeSlaRead(actor: Actor | null | undefined): Actor {
  const a = requireActor(actor);
  if (a.role === 'department_member') throw new AppError('forbidden');
  return a;
}

export function authorizeSlaAdmin(actor: Actor | null | undefined): Actor {
  const a = requireActor(actor);
  if (a.role !== 'admin') throw new AppError('forbidden');
  return a;
}
