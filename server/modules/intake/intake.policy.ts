import { type Actor, requireRole } from '../../platform/auth/actor.js';

/** Logging calls: the roles that create items (users or API keys). */
export function authorizeLogCall(actor: Actor | null): Actor {
  return requireRole(actor, 'admin', 'supervisor', 'agent');
}

/**
 * Raw originals carry the customer's contact details as sent: only the roles that may see customer PII
 * unmasked (and who can see the item) read them.
 */
export function authorizeReadOriginals(actor: Actor | null): Actor {
  return requireRole(actor, 'admin', 'supervisor', 'agent');
}

/** Webhook sources hold shared secrets: administrators only. */
export function authorizeManageSources(actor: Actor | null): Actor {
  return requireRole(actor, 'admin');
}
