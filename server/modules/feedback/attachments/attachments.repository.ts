import type { Insertable, Selectable } from 'kysely';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import type { FeedbackAttachmentTable } from '../feedback.table.js';
import type { FeedbackUploadTable } from './attachments.table.js';
import type { PreparedAttachment } from './storage.js';

export type AttachmentRow = Selectable<FeedbackAttachmentTable>;
export type UploadRow = Selectable<FeedbackUploadTable>;

export async function insertAttachments(
  trx: DbOrTrx,
  feedbackId: string,
  messageId: string | null,
  prepared: PreparedAttachment[],
  at: string,
): Promise<AttachmentRow[]> {
  if (prepared.length === 0) return [];
  return trx
    .insertInto('feedback_attachments')
    .values(
      prepared.map((p) => ({
        id: p.id ?? newId(),
        feedback_id: feedbackId,
        message_id: messageId,
        file_name: p.fileName,
        content_type: p.contentType,
        size_bytes: p.sizeBytes,
        sha256: p.sha256,
        storage_key: p.storageKey,
        created_at: at,
      })),
    )
    .returningAll()
    .execute();
}

/** Attachments of many items, oldest first. */
export async function listAttachmentsOf(db: DbOrTrx, feedbackIds: string[]): Promise<AttachmentRow[]> {
  if (feedbackIds.length === 0) return [];
  return db
    .selectFrom('feedback_attachments')
    .selectAll()
    .where('feedback_id', 'in', feedbackIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Attachments of some messages. */
export async function listAttachmentsOfMessages(db: DbOrTrx, messageIds: string[]): Promise<AttachmentRow[]> {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom('feedback_attachments')
    .selectAll()
    .where('message_id', 'in', messageIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findAttachment(
  db: DbOrTrx,
  feedbackId: string,
  attachmentId: string,
): Promise<AttachmentRow | undefined> {
  return db
    .selectFrom('feedback_attachments')
    .selectAll()
    .where('feedback_id', '=', feedbackId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
}

/** Attachments move with the messages when an item is merged into another. */
export async function moveAttachments(trx: DbOrTrx, fromId: string, toId: string): Promise<void> {
  await trx
    .updateTable('feedback_attachments')
    .set({ feedback_id: toId })
    .where('feedback_id', '=', fromId)
    .execute();
}

/** Attachments of every item of a customer (for erasure). */
export async function attachmentsOfCustomer(
  db: DbOrTrx,
  customerId: string,
): Promise<{ id: string; storage_key: string }[]> {
  return db
    .selectFrom('feedback_attachments as a')
    .innerJoin('feedback as f', 'f.id', 'a.feedback_id')
    .select(['a.id', 'a.storage_key'])
    .where('f.customer_id', '=', customerId)
    .execute();
}

export async function deleteAttachments(db: DbOrTrx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('feedback_attachments').where('id', 'in', ids).execute();
}

export async function insertUpload(db: DbOrTrx, row: Insertable<FeedbackUploadTable>): Promise<void> {
  await db.insertInto('feedback_uploads').values(row).execute();
}

/** Marks an upload used by `attachmentId` if it is unused and unexpired; the claimed row or undefined. */
export async function claimUpload(
  trx: DbOrTrx,
  tokenHash: string,
  at: string,
  attachmentId: string,
): Promise<UploadRow | undefined> {
  return trx
    .updateTable('feedback_uploads')
    .set({ consumed_at: at, attachment_id: attachmentId })
    .where('token_hash', '=', tokenHash)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', at)
    .returningAll()
    .executeTakeFirst();
}

export async function findUpload(db: DbOrTrx, tokenHash: string): Promise<UploadRow | undefined> {
  return db.selectFrom('feedback_uploads').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Deletes unused uploads that expired before `before`; returns their files' keys (to remove). */
export async function deleteExpiredUploads(db: DbOrTrx, before: string): Promise<string[]> {
  const rows = await db
    .deleteFrom('feedback_uploads')
    .where('expires_at', '<', before)
    .where('consumed_at', 'is', null)
    .returning('storage_key')
    .execute();
  // Used uploads only keep a record of the claim; their files belong to attachments now.
  await db
    .deleteFrom('feedback_uploads')
    .where('expires_at', '<', before)
    .where('consumed_at', 'is not', null)
    .execute();
  return rows.map((r) => r.storage_key);
}

/** Storage keys under a folder prefix (`attachments/<yyyy>/<mm>/`) that an attachment or an upload names. */
export async function storageKeysUnder(db: DbOrTrx, prefix: string): Promise<Set<string>> {
  const [attached, staged] = await Promise.all([
    db
      .selectFrom('feedback_attachments')
      .select('storage_key')
      .where('storage_key', 'like', `${prefix}%`)
      .execute(),
    db
      .selectFrom('feedback_uploads')
      .select('storage_key')
      .where('storage_key', 'like', `${prefix}%`)
      .execute(),
  ]);
  return new Set([...attached, ...staged].map((r) => r.storage_key));
}
