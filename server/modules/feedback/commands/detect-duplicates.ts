import type { Actor } from '../../../platform/auth/actor.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { recordEvent } from '../../../platform/events/outbox.js';
import { cosine, textVector } from '../../nlp/index.js';
import { FEEDBACK_AGGREGATE, FEEDBACK_EVENTS } from '../feedback.events.js';
import { findFeedbackRow } from '../feedback.repository.js';
import {
  hasDuplicateCheck,
  insertDuplicateCheck,
  insertLinkPair,
  OPEN_STATUSES,
  openItemsOfCustomer,
} from '../links/links.repository.js';
import { writeHistory } from './change.js';

export const DUPLICATE_DETECTOR: Actor = {
  type: 'system',
  id: null,
  role: 'admin',
  departmentId: null,
  name: 'duplicate-detection',
};

/** Items compared at most per new item (the customer's newest open ones in the window). */
const MAX_CANDIDATES = 200;

function textOf(item: { subject: string | null; description: string }): string {
  return [item.subject, item.description].filter(Boolean).join('\n');
}

export interface DuplicateMatch {
  id: string;
  number: string;
  score: number;
}

/**
 * Job `feedback.detect-duplicates` on feedback.created: compares the new item with the same customer's open
 * items (received / in progress / reopened) created in the `windowDays` before it, by cosine similarity of
 * nlp.textVector (jieba tokens without stop words + Chinese character bigrams). Each one at or above
 * `threshold` is linked both ways as `possible_duplicate` with its score, with a history row on both items
 * (bilingual reason) and a `feedback.linked` outbox event. One `feedback_duplicate_checks` row per item,
 * written in the same transaction, makes a redelivered job do nothing (and keeps a dismissed flag dismissed).
 */
export async function detectDuplicates(
  database: Pick<DatabaseHandle, 'db' | 'write'>,
  options: { feedbackId: string; at: string; windowDays: number; threshold: number },
): Promise<DuplicateMatch[]> {
  const { db } = database;
  if (await hasDuplicateCheck(db, options.feedbackId)) return [];
  const item = await findFeedbackRow(db, options.feedbackId);
  if (!item) return [];
  let matches: DuplicateMatch[] = [];
  let candidates = 0;
  if (item.customer_id && OPEN_STATUSES.includes(item.status)) {
    const since = new Date(Date.parse(item.created_at) - options.windowDays * 86_400_000).toISOString();
    const rows = await openItemsOfCustomer(db, {
      customerId: item.customer_id,
      since,
      until: item.created_at,
      excludeId: item.id,
      limit: MAX_CANDIDATES,
    });
    // Only items that came before this one: for two arriving together, the later one's job links them.
    const earlier = rows.filter((r) => r.created_at < item.created_at || r.id < item.id);
    candidates = earlier.length;
    const vector = textVector(textOf(item));
    matches = earlier
      .map((r) => ({ id: r.id, number: r.number, score: cosine(vector, textVector(textOf(r))) }))
      .filter((m) => m.score >= options.threshold)
      .sort((a, b) => b.score - a.score);
  }
  return database.write(async (trx) => {
    const first = await insertDuplicateCheck(trx, {
      feedback_id: item.id,
      candidates,
      flagged: matches.length,
      checked_at: options.at,
    });
    if (!first) return [];
    const base = { trx, actor: DUPLICATE_DETECTOR, at: options.at };
    for (const match of matches) {
      const score = Math.round(match.score * 1000) / 1000;
      const reasonFor = (other: string) =>
        `与工单 ${other} 内容相似（相似度 ${score.toFixed(2)}），可能重复，请合并或忽略 / ` +
        `Similar to ${other} (similarity ${score.toFixed(2)}): possible duplicate, merge or dismiss`;
      const added = await insertLinkPair(trx, {
        a: item.id,
        b: match.id,
        kind: 'possible_duplicate',
        score,
        reason: reasonFor(match.number),
        reverseReason: reasonFor(item.number),
        created_by_type: 'system',
        created_by_id: null,
        created_at: options.at,
      });
      if (!added) continue;
      for (const [self, other] of [
        [{ id: item.id }, { id: match.id, number: match.number }],
        [{ id: match.id }, { id: item.id, number: item.number }],
      ] as const) {
        await writeHistory(base, self.id, [
          {
            type: 'duplicate_flagged',
            to: other.number,
            reason: reasonFor(other.number),
            data: { relatedId: other.id, relatedNumber: other.number, score, kind: 'possible_duplicate' },
          },
        ]);
      }
      await recordEvent(trx, {
        type: FEEDBACK_EVENTS.linked,
        aggregateType: FEEDBACK_AGGREGATE,
        aggregateId: item.id,
        payload: {
          feedbackId: item.id,
          actor: { type: 'system', id: null },
          relatedId: match.id,
          relatedNumber: match.number,
          number: item.number,
          kind: 'possible_duplicate',
          score,
        },
        at: options.at,
      });
    }
    return matches;
  });
}
