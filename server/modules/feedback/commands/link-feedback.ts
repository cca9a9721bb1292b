import { AppError } from '../../../platform/http/errors.js';
import { FEEDBACK_EVENTS } from '../feedback.events.js';
import type { FeedbackRow } from '../feedback.repository.js';
import { deleteLinkPair, insertLinkPair } from '../links/links.repository.js';
import { assertNotMerged, beginChange, type CommandBase, recordChange, writeHistory } from './change.js';

/** Locks both items in id order (no deadlock between opposite links); 400 feedback_link_self for one item. */
async function lockPair(base: CommandBase, feedbackId: string, relatedId: string) {
  if (feedbackId === relatedId) throw new AppError('feedback_link_self');
  const rows = new Map<string, FeedbackRow>();
  for (const id of [feedbackId, relatedId].sort()) rows.set(id, await beginChange(base.trx, id));
  return { item: rows.get(feedbackId)!, related: rows.get(relatedId)! };
}

/**
 * Links two items as `related` (both directions), with a history row on both, one `feedback.linked` event
 * and an audit entry. Linking again is a no-op answering the same state.
 */
export async function linkFeedback(
  options: CommandBase & { feedbackId: string; relatedId: string },
): Promise<boolean> {
  const { item, related } = await lockPair(options, options.feedbackId, options.relatedId);
  assertNotMerged(item);
  assertNotMerged(related);
  const added = await insertLinkPair(options.trx, {
    a: item.id,
    b: related.id,
    kind: 'related',
    score: null,
    reason: null,
    created_by_type:
      options.actor.type === 'api_key' ? 'api_key' : options.actor.type === 'user' ? 'user' : 'system',
    created_by_id: options.actor.id,
    created_at: options.at,
  });
  if (!added) return false;
  await recordChange(options, {
    feedbackId: item.id,
    history: [
      {
        type: 'linked',
        to: related.number,
        data: { relatedId: related.id, relatedNumber: related.number, kind: 'related' },
      },
    ],
    event: FEEDBACK_EVENTS.linked,
    payload: {
      number: item.number,
      relatedId: related.id,
      relatedNumber: related.number,
      kind: 'related',
      score: null,
    },
  });
  await writeHistory(options, related.id, [
    {
      type: 'linked',
      to: item.number,
      data: { relatedId: item.id, relatedNumber: item.number, kind: 'related' },
    },
  ]);
  return true;
}

/**
 * Removes every link between two items (a manual `related` link, or dismisses a `possible_duplicate` flag):
 * history on both, one `feedback.unlinked` event, audit. 404 feedback_link_not_found when there was none.
 */
export async function unlinkFeedback(
  options: CommandBase & { feedbackId: string; relatedId: string; reason?: string | null },
): Promise<void> {
  const { item, related } = await lockPair(options, options.feedbackId, options.relatedId);
  const kinds = await deleteLinkPair(options.trx, item.id, related.id);
  if (kinds.length === 0) throw new AppError('feedback_link_not_found');
  const type = kinds.includes('possible_duplicate') ? 'duplicate_dismissed' : 'unlinked';
  await recordChange(options, {
    feedbackId: item.id,
    history: [
      { type, from: related.number, data: { relatedId: related.id, relatedNumber: related.number, kinds } },
    ],
    event: FEEDBACK_EVENTS.unlinked,
    payload: { number: item.number, relatedId: related.id, relatedNumber: related.number, kinds },
  });
  await writeHistory(options, related.id, [
    { type, from: item.number, data: { relatedId: item.id, relatedNumber: item.number, kinds } },
  ]);
}
