import type { Actor } from '../../platform/auth/actor.js';
import { requireRole } from '../../platform/auth/actor.js';

/** Rules, settings: administrators. */
export function authorizeManageTriage(actor: Actor | null | undefined): Actor {
  return requireRole(actor, 'admin');
}

/** Triage queue, re-triage, dry runs, skills: supervisors and administrators. */
export function authorizeSuperviseTriage(actor: Actor | null | undefined): Actor {
  return requireRole(actor, 'admin', 'supervisor');
}
