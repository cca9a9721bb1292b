import type { Locale } from '../../../shared/enums.js';
import type { Trx } from '../../platform/db/database.js';
import type { AppContext } from '../../platform/http/context.js';
import { getCustomerContact, type MatchedContact } from '../customers/index.js';
import { getFeedbackRecords } from '../feedback/index.js';
import { customerMailer } from '../intake/mail/index.js';
import { queueSms, smsConfigured } from '../notifications/sms/index.js';
import { customerLimitReason } from './recipient-budget.js';

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

/** `skipped`: recorded but not sent (the customer's message limit was reached). */
export type DeliveryStatus = 'queued' | 'unavailable' | 'skipped';

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

/** The SMS with the code, in the customer's language (short: one SMS segment in Chinese). */
export function trackingCodeSms(message: TrackingCodeMessage): string {
  const { code, number, expiresInMinutes: minutes } = message;
  return message.locale === 'zh-CN'
    ? `验证码 ${code}，用于查询工单 ${number}，${minutes} 分钟内有效，请勿告诉他人。`
    : `Code ${code} to follow ticket ${number}, valid ${minutes} min. Do not share it.`;
}

/**
 * Email codes go out through the mail channel's retrying sender, phone codes through the SMS channel's
 * (`unavailable` when no SMS gateway is configured: nothing is sent). Both count against the customer's
 * message limits; over them the code is recorded as `skipped`.
 */
export function defaultCodeDelivery(
  ctx: Pick<AppContext, 'database' | 'clock' | 'queue' | 'config'>,
): TrackingCodeDelivery {
  const mailer = customerMailer(ctx);
  return {
    async prepare() {
      const queueMail = await mailer.prepare();
      return async (trx, message) => {
        const email = message.to.kind === 'email';
        if (!email && !smsConfigured(ctx)) return 'unavailable';
        // The limit counts the customer's mail and SMS together, whichever contact the code goes to.
        const [item] = await getFeedbackRecords(trx, [message.feedbackId]);
        const other = item?.customer_id ? await getCustomerContact(trx, item.customer_id) : undefined;
        const skipReason = await customerLimitReason(
          trx,
          ctx.config.customerMessageLimits,
          email
            ? { email: message.to.value, phone: other?.phone ?? null }
            : { email: other?.email ?? null, phone: message.to.value },
          new Date(message.at),
        );
        const common = {
          purpose: 'tracking_code' as const,
          refId: message.codeId,
          feedbackId: message.feedbackId,
          to: message.to.value,
          at: message.at,
          ...(skipReason ? { skipReason } : {}),
        };
        if (email) await queueMail(trx, { ...common, mail: trackingCodeText(message) });
        else
          await queueSms(trx, ctx.queue, {
            ...common,
            template: 'code',
            params: { code: message.code, minutes: String(message.expiresInMinutes) },
            text: trackingCodeSms(message),
          });
        return skipReason ? 'skipped' : 'queued';
      };
    },
  };
}
