import type { DbOrTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { getUserSummaries } from '../../identity/index.js';
import { type AttachmentRow, listAttachmentsOfMessages } from '../attachments/attachments.repository.js';
import { allTags, type TagRow } from '../tags.repository.js';
import { type EventRow, listEvents, listMessages, type MessageRow } from '../timeline.repository.js';
import { decodeCursor, encodeCursor } from './cursor.js';

interface Page {
  cursor?: string | undefined;
  limit: number;
}

/** Rows of one timeline page plus the names of the users they mention. */
export interface TimelinePage<T> {
  rows: T[];
  names: Map<string, string>;
  nextCursor: string | null;
}

async function userNames(db: DbOrTrx, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  const users = await getUserSummaries(db, unique);
  return new Map([...users].map(([id, u]) => [id, u.name]));
}

function afterOf(kind: string, cursor: string | undefined): { createdAt: string; id: string } | null {
  if (!cursor) return null;
  const { value, id } = decodeCursor(kind, cursor);
  if (value === null) throw new AppError('invalid_cursor');
  return { createdAt: value, id };
}

function page<T extends { id: string; created_at: string }>(kind: string, rows: T[], limit: number) {
  const last = rows[limit - 1];
  return {
    rows: rows.slice(0, limit),
    nextCursor: rows.length > limit && last ? encodeCursor(kind, last.created_at, last.id) : null,
  };
}

/** Messages of an item, oldest first (customer messages, agent replies and internal notes). */
export async function listFeedbackMessages(
  db: DbOrTrx,
  feedbackId: string,
  options: Page,
): Promise<TimelinePage<MessageRow> & { attachments: AttachmentRow[] }> {
  const rows = await listMessages(db, feedbackId, {
    after: afterOf('messages', options.cursor),
    limit: options.limit + 1,
  });
  const result = page('messages', rows, options.limit);
  return {
    ...result,
    names: await userNames(
      db,
      result.rows.map((r) => r.author_user_id),
    ),
    attachments: await listAttachmentsOfMessages(
      db,
      result.rows.map((r) => r.id),
    ),
  };
}

/** The item's history of changes, oldest first: who, when, what from → to, why. */
export async function listFeedbackEvents(
  db: DbOrTrx,
  feedbackId: string,
  options: Page,
): Promise<TimelinePage<EventRow>> {
  const rows = await listEvents(db, feedbackId, {
    after: afterOf('events', options.cursor),
    limit: options.limit + 1,
  });
  const result = page('events', rows, options.limit);
  const userIds = result.rows.filter((r) => r.actor_type === 'user').map((r) => r.actor_id);
  return { ...result, names: await userNames(db, userIds) };
}

export function listTags(db: DbOrTrx): Promise<TagRow[]> {
  return allTags(db);
}
