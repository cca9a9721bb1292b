import { type Actor, requireRole } from '../../../platform/auth/actor.js';

/** The SMS sent for an item (numbers, delivery errors): the same roles as the mail log. */
export function authorizeReadSmsLog(actor: Actor | null): Actor {
  return requireRole(actor, 'admin', 'supervisor', 'agent');
}
