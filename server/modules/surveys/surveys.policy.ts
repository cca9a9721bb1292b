import { type Actor, requireRole } from '../../platform/auth/actor.js';

/** Satisfaction figures are for the people who manage service quality and analyse it. */
export function authorizeReadSurveys(actor: Actor | null): Actor {
  return requireRole(actor, 'admin', 'supervisor', 'analyst');
}
