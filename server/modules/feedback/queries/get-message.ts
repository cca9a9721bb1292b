import type { DbOrTrx } from '../../../platform/db/database.js';
import type { MessageRow } from '../timeline.repository.js';

/** One message of an item by id (for other modules that react to `feedback.message_added`). */
export function getFeedbackMessage(db: DbOrTrx, messageId: string): Promise<MessageRow | undefined> {
  return db.selectFrom('feedback_messages').selectAll().where('id', '=', messageId).executeTakeFirst();
}
