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

/** Acknowledgement of a new item received by email: its ticket number and where to follow it. */
export function acknowledgement(options: {
  locale: Locale | null;
  number: string;
  trackingUrl: string;
  originalSubject: string | null;
}): RenderedMail {
  const { locale, number, trackingUrl } = options;
  const about = options.originalSubject ? `「${options.originalSubject}」` : '';
  const aboutEn = options.originalSubject ? ` about "${options.originalSubject}"` : '';
  return {
    subject: `[${number}] ${subjectOf(locale, '我们已收到您的反馈', 'We have received your message')}`,
    text: both(
      locale,
      [
        '您好：',
        '',
        `我们已收到您的来信${about}，工单号为 ${number}。我们会尽快处理并回复您。`,
        `查看处理进度：${trackingUrl}`,
        '',
        '直接回复本邮件即可补充信息，内容会记入同一工单。',
        '（本邮件为系统自动发送。）',
      ].join('\n'),
      [
        'Hello,',
        '',
        `We have received your message${aboutEn}. Your ticket number is ${number}; we will get back to you soon.`,
        `Follow its progress: ${trackingUrl}`,
        '',
        'Reply to this email to add anything; it will be added to the same ticket.',
        '(This message was sent automatically.)',
      ].join('\n'),
    ),
  };
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
