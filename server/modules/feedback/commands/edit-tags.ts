import { normalizeTagList } from '../../../../shared/feedback/tags.js';
import type { FeedbackRecord } from '../feedback.repository.js';
import { tagsOfFeedback } from '../tags.repository.js';
import { assertNotMerged, beginChange, type CommandBase } from './change.js';
import { setTags } from './set-tags.js';

/**
 * Adds and removes tag paths while keeping the item's other tags (a path in both lists is removed),
 * through `setTags`: the same history row, event and audit entry as replacing the tags. Nothing to
 * change writes nothing.
 */
export async function editTags(
  options: CommandBase & { feedbackId: string; add?: string[]; remove?: string[]; reason?: string | null },
): Promise<FeedbackRecord> {
  const row = await beginChange(options.trx, options.feedbackId);
  assertNotMerged(row);
  const current = await tagsOfFeedback(options.trx, row.id);
  const removed = new Set(normalizeTagList(options.remove));
  const next = [...new Set([...current, ...normalizeTagList(options.add)])].filter((t) => !removed.has(t));
  return setTags({ ...options, feedbackId: row.id, tags: next });
}
