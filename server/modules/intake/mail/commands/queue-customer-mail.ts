import type { DbOrTrx } from '../../../../platform/db/database.js';
import type { AppContext } from '../../../../platform/http/context.js';
import type { RenderedMail } from '../../../templates/index.js';
import { parseSender } from '../addresses.js';
import { issueToken, tokenSecret } from '../token.js';
import { queueMail } from './queue-mail.js';

export interface CustomerMail {
  purpose: 'tracking_code' | 'customer_notice';
  /** What the mail is about (e.g. the code's id): at most one mail per purpose and reference. */
  refId: string;
  feedbackId: string;
  to: string;
  mail: RenderedMail;
  at: string;
  /** Recorded as `skipped` with this reason instead of being sent (e.g. a recipient limit). */
  skipReason?: string;
}

/**
 * For other modules' automatic mail to a customer about a ticket (e.g. a tracking code): `prepare()` reads
 * the threading secret (outside any transaction), then the returned function queues a mail in the caller's
 * transaction — sent by the same retrying job as acknowledgements, marked Auto-Submitted, and a reply to it
 * threads onto the ticket.
 */
export function customerMailer(deps: Pick<AppContext, 'database' | 'clock' | 'queue' | 'config'>) {
  return {
    async prepare(): Promise<(trx: DbOrTrx, mail: CustomerMail) => Promise<boolean>> {
      const secret = await tokenSecret(deps.database.db, deps.clock);
      const sender = parseSender(deps.config.mail.from);
      return (trx, mail) =>
        queueMail(trx, deps.queue, {
          ...mail,
          sender,
          token: issueToken(secret, mail.feedbackId),
          inReplyTo: null,
          references: [],
          autoSubmitted: true,
        });
    },
  };
}
