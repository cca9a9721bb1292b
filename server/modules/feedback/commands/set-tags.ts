import { normalizeTagList } from '../../../../shared/feedback/tags.js';
import { FEEDBACK_EVENTS } from '../feedback.events.js';
import { type FeedbackRecord, findFeedbackRecord, saveFeedbackRow } from '../feedback.repository.js';
import {
  addFeedbackTags,
  ensureTagPaths,
  removeFeedbackTags,
  syncTagPaths,
  tagsOfFeedback,
} from '../tags.repository.js';
import { assertNotMerged, beginChange, type CommandBase, recordChange } from './change.js';

/**
 * Replaces an item's tags with the given hierarchical paths ("服务/排队时间"); each path and its
 * parents are created in the tag tree when missing. The same set again changes nothing.
 */
export async function setTags(
  options: CommandBase & { feedbackId: string; tags: string[]; reason?: string | null },
): Promise<FeedbackRecord> {
  const { trx, at } = options;
  const row = await beginChange(trx, options.feedbackId);
  assertNotMerged(row);
  const next = normalizeTagList(options.tags);
  const current = await tagsOfFeedback(trx, row.id);
  const added = next.filter((t) => !current.includes(t));
  const removed = current.filter((t) => !next.includes(t));
  if (added.length === 0 && removed.length === 0) return (await findFeedbackRecord(trx, row.id))!;

  await ensureTagPaths(trx, added, at);
  await removeFeedbackTags(trx, row.id, removed);
  await addFeedbackTags(trx, row.id, added, at);
  await syncTagPaths(trx, row.id, row.created_at);
  await saveFeedbackRow(trx, row, {}, at);
  await recordChange(options, {
    feedbackId: row.id,
    history: [
      {
        type: 'tags_changed',
        from: JSON.stringify(current),
        to: JSON.stringify(next),
        reason: options.reason ?? null,
        data: { added, removed },
      },
    ],
    event: FEEDBACK_EVENTS.tagsChanged,
    payload: { number: row.number, tags: next, added, removed },
  });
  return (await findFeedbackRecord(trx, row.id))!;
}
