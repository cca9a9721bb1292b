import { canTransition } from '../../../../shared/feedback/status-machine.js';
import { AppError } from '../../../platform/http/errors.js';
import { moveAttachments } from '../attachments/attachments.repository.js';
import { FEEDBACK_EVENTS } from '../feedback.events.js';
import {
  type FeedbackRecord,
  type FeedbackRow,
  findFeedbackRecord,
  saveFeedbackRow,
} from '../feedback.repository.js';
import { deleteDuplicateFlagsOf } from '../links/links.repository.js';
import { addFeedbackTags, removeFeedbackTags, syncTagPaths, tagsOfFeedback } from '../tags.repository.js';
import { moveMessages } from '../timeline.repository.js';
import { beginChange, type CommandBase, recordChange, writeHistory } from './change.js';

/**
 * Merges a duplicate (source) into another item (target): the source becomes `merged` and points at
 * the target; its messages and tags move over. Both get a history row and the outbox event. The target
 * must be another item that is not itself merged (409 merge_target_invalid).
 */
export async function mergeFeedback(
  options: CommandBase & { sourceId: string; targetId: string; reason?: string | null },
): Promise<{ source: FeedbackRecord; target: FeedbackRecord }> {
  const { trx, at } = options;
  const reason = options.reason ?? null;
  if (options.sourceId === options.targetId) throw new AppError('merge_target_invalid');
  // Lock both rows in id order so two opposite merges cannot deadlock.
  const rows = new Map<string, FeedbackRow>();
  for (const id of [options.sourceId, options.targetId].sort()) rows.set(id, await beginChange(trx, id));
  const source = rows.get(options.sourceId)!;
  const target = rows.get(options.targetId)!;
  if (target.status === 'merged') throw new AppError('merge_target_invalid');
  if (!canTransition(source.status, 'merged'))
    throw new AppError('invalid_transition', { params: { from: source.status, to: 'merged' } });

  const moved = await moveMessages(trx, source.id, target.id);
  await moveAttachments(trx, source.id, target.id);
  // Merging settles the source's possible-duplicate flags (it is no longer an open item to compare with).
  const resolvedFlags = await deleteDuplicateFlagsOf(trx, source.id);
  const sourceTags = await tagsOfFeedback(trx, source.id);
  await addFeedbackTags(trx, target.id, sourceTags, at);
  await removeFeedbackTags(trx, source.id, sourceTags);
  await syncTagPaths(trx, source.id, source.created_at);
  await syncTagPaths(trx, target.id, target.created_at);
  await saveFeedbackRow(trx, source, { status: 'merged', merged_into_id: target.id }, at);
  await saveFeedbackRow(trx, target, {}, at);

  const payload = {
    sourceId: source.id,
    sourceNumber: source.number,
    targetId: target.id,
    targetNumber: target.number,
    reason,
    movedMessages: moved,
    movedTags: sourceTags,
    resolvedDuplicateFlags: resolvedFlags,
    customerIds: [...new Set([source.customer_id, target.customer_id].filter((id) => id !== null))],
  };
  await recordChange(options, {
    feedbackId: source.id,
    history: [
      {
        type: 'status_changed',
        from: source.status,
        to: 'merged',
        reason,
        data: { into: target.id, intoNumber: target.number },
      },
    ],
    event: FEEDBACK_EVENTS.merged,
    payload,
  });
  // One outbox event for the merge (on the source); the target's history records it too.
  await writeHistory(options, target.id, [
    {
      type: 'merged_from',
      from: source.number,
      to: target.number,
      reason,
      data: { sourceId: source.id, movedMessages: moved, movedTags: sourceTags },
    },
  ]);
  return {
    source: (await findFeedbackRecord(trx, source.id))!,
    target: (await findFeedbackRecord(trx, target.id))!,
  };
}
