import type { MessageKind } from '../../../../shared/enums.js';
import { type AttachmentRow, insertAttachments } from '../attachments/attachments.repository.js';
import type { PreparedAttachment } from '../attachments/storage.js';
import { FEEDBACK_EVENTS } from '../feedback.events.js';
import { type FeedbackRecord, findFeedbackRecord, saveFeedbackRow } from '../feedback.repository.js';
import { insertMessage, type MessageRow } from '../timeline.repository.js';
import { assertNotMerged, beginChange, type CommandBase, recordChange } from './change.js';

/**
 * Adds a message: a customer's message, an agent's reply (sent on the customer's channel) or an
 * internal note (`kind: 'note'`, never shown to the customer). The first agent reply stops the
 * first-response clock (first_responded_at).
 */
export async function addMessage(
  options: CommandBase & {
    feedbackId: string;
    kind: MessageKind;
    body: string;
    channel?: string | null;
    /** Files already stored (prepareAttachment or claimed uploads), attached to this message. */
    attachments?: PreparedAttachment[];
  },
): Promise<{ record: FeedbackRecord; message: MessageRow; attachments: AttachmentRow[] }> {
  const { trx, actor, at, kind } = options;
  const row = await beginChange(trx, options.feedbackId);
  assertNotMerged(row);
  const message = await insertMessage(trx, {
    feedback_id: row.id,
    kind,
    author_user_id: kind !== 'customer' && actor.type === 'user' ? actor.id : null,
    author_customer_id: kind === 'customer' ? row.customer_id : null,
    body: options.body,
    channel: options.channel ?? (kind === 'agent' || kind === 'customer' ? row.channel : null),
    created_at: at,
  });
  const attachments = await insertAttachments(trx, row.id, message.id, options.attachments ?? [], at);
  const firstResponse = kind === 'agent' && row.first_responded_at === null;
  await saveFeedbackRow(trx, row, firstResponse ? { first_responded_at: at } : {}, at);
  await recordChange(options, {
    feedbackId: row.id,
    history: [
      {
        type: 'message_added',
        to: kind,
        data: {
          messageId: message.id,
          kind,
          ...(attachments.length > 0 ? { attachmentIds: attachments.map((a) => a.id) } : {}),
        },
      },
    ],
    event: FEEDBACK_EVENTS.messageAdded,
    payload: {
      number: row.number,
      messageId: message.id,
      kind,
      firstResponse,
      attachments: attachments.length,
    },
    // The audit log records that a message was written, not its content.
    audit: { messageId: message.id, kind },
  });
  return { record: (await findFeedbackRecord(trx, row.id))!, message, attachments };
}
