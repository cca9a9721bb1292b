import { type Actor, requireRole } from '../../../platform/auth/actor.js';

/** Mailboxes hold login passwords: administrators only. */
export function authorizeManageMailboxes(actor: Actor | null): Actor {
  return requireRole(actor, 'admin');
}

/** The mail sent for an item (addresses, delivery errors): the roles that read raw originals. */
export function authorizeReadMailLog(actor: Actor | null): Actor {
  return requireRole(actor, 'admin', 'supervisor', 'agent');
}
