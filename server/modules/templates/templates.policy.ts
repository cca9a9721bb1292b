import { type Actor, requireRole } from '../../platform/auth/actor.js';

/** Customer message templates are the administrators' (what every customer receives). */
export function authorizeManageTemplates(actor: Actor | null): Actor {
  return requireRole(actor, 'admin');
}
