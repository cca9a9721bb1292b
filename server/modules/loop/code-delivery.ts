import type { Locale } from '../../../shared/enums.js';
import type { Trx } from '../../platform/db/database.js';
import type { AppContext } from '../../platform/http/context.js';
import type { MatchedContact } from '../customers/index.js';
import { customerMailer } from '../intake/mail/index.js';

export interface TrackingCodeMessage {
  feedbackId: string;
  codeId: string;
  number: string;
  code: string;
  to: MatchedContact;
  locale: Locale;
  expiresInMinutes: number;
  at: string;
}

export type DeliveryStatus = 'queued' | 'unavailable';

/** Hands codes to their channel: `prepare()` runs before the issuing transaction, `send` inside it. */
export interface TrackingCodeDelivery {
  prepare(): Promise<(trx: Trx, message: TrackingCodeMessage) => Promise<DeliveryStatus>>;
}

/** The texts of the code message, in the customer's language. */
export function trackingCodeText(message: TrackingCodeMessage): { subject: string; text: string } {
  const { code, number, expiresInMinutes: minutes } = message;
  if (message.locale === 'zh-CN')
    return {
      subject: `工单 ${number} 查询验证码`,
      text:
        `您好！您正在查询工单 ${number} 的处理进度。\n\n验证码：${code}\n\n` +
        `验证码 ${minutes} 分钟内有效，请勿告诉他人。如非本人操作，请忽略本邮件。\n`,
    };
  return {
    subject: `Verification code for ticket ${number}`,
    text:
      `Hello, you asked to follow ticket ${number}.\n\nYour code: ${code}\n\n` +
      `It is valid for ${minutes} minutes; do not share it. If this was not you, ignore this message.\n`,
  };
}

/**
 * Email codes go out through the mail channel's retrying sender; SMS needs a gateway, which does not exist
 * yet, so a code for a phone-only customer is recorded as `unavailable` (nothing is sent).
 */
export function defaultCodeDelivery(
  ctx: Pick<AppContext, 'database' | 'clock' | 'queue' | 'config'>,
): TrackingCodeDelivery {
  const mailer = customerMailer(ctx);
  return {
    async prepare() {
      const queueMail = await mailer.prepare();
      return async (trx, message) => {
        if (message.to.kind !== 'email') return 'unavailable';
        await queueMail(trx, {
          purpose: 'tracking_code',
          refId: message.codeId,
          feedbackId: message.feedbackId,
          to: message.to.value,
          mail: trackingCodeText(message),
          at: message.at,
        });
        return 'queued';
      };
    },
  };
}
