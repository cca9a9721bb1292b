import type { Actor } from '../../../platform/auth/actor.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { recordItemEvent } from '../../feedback/index.js';
import * as repo from '../loop.repository.js';

export interface MajorComplaintView {
  feedbackId: string;
  major: boolean;
  reason: string | null;
  flaggedAt: string | null;
}

/**
 * Marks (or unmarks) an item as a major complaint: it then gets a follow-up visit when it is closed, whatever its
 * priority. A change is written on the item's history; setting what is already set changes nothing.
 */
export async function setMajorComplaint(
  database: DatabaseHandle,
  options: {
    actor: Actor;
    feedbackId: string;
    major: boolean;
    reason: string | null;
    at: string;
    ip: string | null;
  },
): Promise<MajorComplaintView> {
  const { actor, feedbackId, at } = options;
  await database.write(async (trx) => {
    const changed = options.major
      ? await repo.insertMajorFlag(trx, {
          feedback_id: feedbackId,
          flagged_by: actor.type === 'user' ? actor.id : null,
          reason: options.reason,
          created_at: at,
        })
      : await repo.deleteMajorFlag(trx, feedbackId);
    if (!changed) return;
    await recordItemEvent({
      trx,
      actor,
      at,
      ip: options.ip,
      feedbackId,
      type: options.major ? 'major_complaint.flagged' : 'major_complaint.unflagged',
      to: options.major ? 'major' : null,
      reason: options.reason,
      data: {},
    });
  });
  return getMajorComplaint(database, feedbackId);
}

export async function getMajorComplaint(
  database: DatabaseHandle,
  feedbackId: string,
): Promise<MajorComplaintView> {
  const flag = await repo.findMajorFlag(database.db, feedbackId);
  return { feedbackId, major: !!flag, reason: flag?.reason ?? null, flaggedAt: flag?.created_at ?? null };
}
