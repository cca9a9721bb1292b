import type { Actor } from '../../../platform/auth/actor.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { recordItemEvent } from '../../feedback/index.js';
import * as repo from '../loop.repository.js';

/**
 * Records a follow-up visit's outcome (care measure, whether the customer is satisfied again, a note) once, with a
 * line on the item's history; 409 follow_up_already_done the second time.
 */
export async function recordFollowUpOutcome(
  database: DatabaseHandle,
  options: {
    actor: Actor;
    followUp: repo.FollowUpRow;
    careMeasure: string;
    satisfiedAgain: boolean;
    note: string | null;
    at: string;
    ip: string | null;
  },
): Promise<void> {
  const { actor, followUp, at } = options;
  const done = await database.write(async (trx) => {
    const completed = await repo.completeFollowUp(trx, followUp.id, {
      care_measure: options.careMeasure,
      satisfied_again: options.satisfiedAgain ? 1 : 0,
      note: options.note,
      done_by: actor.type === 'user' ? actor.id : null,
      done_at: at,
    });
    if (!completed) return false;
    await recordItemEvent({
      trx,
      actor,
      at,
      ip: options.ip,
      feedbackId: followUp.feedback_id,
      type: 'follow_up.done',
      to: options.satisfiedAgain ? 'satisfied' : 'not_satisfied',
      reason: options.note,
      data: {
        followUpId: followUp.id,
        careMeasure: options.careMeasure,
        satisfiedAgain: options.satisfiedAgain,
      },
    });
    return true;
  });
  if (!done) throw new AppError('follow_up_already_done');
}
