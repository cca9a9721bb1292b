import { type Actor, requireActor } from '../../platform/auth/actor.js';

/** Every staff member sees the figures of what they may see (the feedback visibility scope). */
export function authorizeReadOverview(actor: Actor | null): Actor {
  return requireActor(actor);
}
