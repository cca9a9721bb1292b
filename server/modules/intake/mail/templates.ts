import type { Locale } from '../../../../shared/enums.js';

export interface RenderedMail {
  subject: string;
  text: string;
}

const RULE = '----------------------------------------';

function both(locale: Locale | null, zh: string, en: string): string {
  if (locale === 'zh-CN') return zh;
  if (locale === 'en') return en;
  return `${zh}\n\n${RULE}\n\n${en}`;
}

function subjectOf(locale: Locale | null, zh: string, en: string): string {
  if (locale === 'zh-CN') return zh;
  if (locale === 'en') return en;
  return `${zh} / ${en}`;
}

/** An agent's public reply, mailed to the customer. */
export function agentReply(options: {
  locale: Locale | null;
  number: string;
  trackingUrl: string;
  originalSubject: string | null;
  body: string;
}): RenderedMail {
  const { locale, number, trackingUrl } = options;
  const base = options.originalSubject?.replace(/^(re|回复|答复)\s*[:：]\s*/i, '') || null;
  const subject = base
    ? `Re: ${base} [${number}]`
    : `[${number}] ${subjectOf(locale, '关于您的反馈', 'About your feedback')}`;
  const footer = both(
    locale,
    `工单号：${number} · 查看进度：${trackingUrl}\n直接回复本邮件即可继续沟通。`,
    `Ticket ${number} · Follow it: ${trackingUrl}\nReply to this email to continue the conversation.`,
  );
  return { subject, text: `${options.body.trim()}\n\n${RULE}\n${footer}` };
}
