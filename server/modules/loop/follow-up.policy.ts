import { type Actor, requireActor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/http/errors.js';
import { authorizeFeedback, type FeedbackRecord } from '../feedback/index.js';

/** Listing follow-ups: every authenticated staff role (the scope decides which rows). */
export function authorizeListFollowUps(actor: Actor | null): Actor {
  return requireActor(actor);
}

/** Flagging a major complaint or recording a follow-up's outcome: whoever may update the item. */
export function authorizeFollowUpWork(actor: Actor | null, item: FeedbackRecord): Actor {
  return authorizeFeedback(actor, 'update', item);
}

/** A follow-up whose item the actor cannot see does not exist for them. */
export function followUpNotFound(): AppError {
  return new AppError('follow_up_not_found');
}
