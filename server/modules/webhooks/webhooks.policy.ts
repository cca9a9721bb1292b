import { type Actor, requireRole } from '../../platform/auth/actor.js';

/** Subscriptions hold signing secrets and choose where data leaves the system: administrators only. */
export function authorizeManageWebhooks(actor: Actor | null): Actor {
  return requireRole(actor, 'admin');
}
