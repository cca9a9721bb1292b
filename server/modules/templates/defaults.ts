import type { Locale } from '../../../shared/enums.js';

/**
 * The default texts of the messages customers get without an agent writing them (status notices, the mail
 * acknowledgement), in the code. Admins may override each one per channel and language (see messages.ts).
 */

export type NoticeKind = 'accepted' | 'assigned' | 'resolved' | 'reopened' | 'closed';

export interface NoticeInput {
  kind: NoticeKind;
  locale: Locale | null;
  number: string;
  trackingUrl: string;
  handlerName?: string | null;
  closure?: { rootCause: string; remedy: string; prevention: string } | null;
  /** The signed link to confirm and rate this resolution (resolved notices), when there is one. */
  ratingUrl?: string | null;
}

export const RULE = '----------------------------------------';

const SUBJECT: Record<NoticeKind, { 'zh-CN': string; en: string }> = {
  accepted: { 'zh-CN': '我们已受理您的反馈', en: 'We have received your feedback' },
  assigned: { 'zh-CN': '已安排专人处理您的反馈', en: 'Someone is now handling your feedback' },
  resolved: {
    'zh-CN': '您的反馈已处理完毕，请确认并评价',
    en: 'Your feedback has been resolved — please confirm and rate',
  },
  reopened: { 'zh-CN': '我们将继续处理您的反馈', en: 'We are working on your feedback again' },
  closed: { 'zh-CN': '您的反馈已闭环', en: 'Your feedback is closed' },
};

function zhBody(n: NoticeInput): string[] {
  const lines = ['您好：', ''];
  if (n.kind === 'accepted') lines.push(`我们已受理您的反馈，工单号为 ${n.number}。我们会尽快处理。`);
  if (n.kind === 'assigned') lines.push(`工单 ${n.number} 已由 ${n.handlerName ?? '客服专员'} 负责处理。`);
  if (n.kind === 'resolved') {
    lines.push(`工单 ${n.number} 已处理完毕。结案说明如下：`);
    if (n.closure)
      lines.push(
        '',
        `问题原因：${n.closure.rootCause}`,
        `处理结果：${n.closure.remedy}`,
        `改进措施：${n.closure.prevention}`,
      );
    if (n.ratingUrl) lines.push('', '请点击以下链接确认处理结果并为本次服务评分（1–5 分）：', n.ratingUrl);
    else lines.push('', '请在查询页面确认处理结果并为本次服务评分（1–5 分）。');
  }
  if (n.kind === 'reopened') lines.push(`工单 ${n.number} 已重新打开，我们会继续跟进，并尽快给您答复。`);
  if (n.kind === 'closed') lines.push(`工单 ${n.number} 已闭环。感谢您的反馈，它帮助我们改进服务。`);
  lines.push('', `查看进度：${n.trackingUrl}`, '（本邮件为系统自动发送。）');
  return lines;
}

function enBody(n: NoticeInput): string[] {
  const lines = ['Hello,', ''];
  if (n.kind === 'accepted')
    lines.push(`We have received your feedback; its ticket number is ${n.number}. We will handle it soon.`);
  if (n.kind === 'assigned')
    lines.push(`Ticket ${n.number} is now handled by ${n.handlerName ?? 'our service team'}.`);
  if (n.kind === 'resolved') {
    lines.push(`Ticket ${n.number} has been resolved. Our closure letter:`);
    if (n.closure)
      lines.push(
        '',
        `Root cause: ${n.closure.rootCause}`,
        `What we did: ${n.closure.remedy}`,
        `Prevention: ${n.closure.prevention}`,
      );
    if (n.ratingUrl)
      lines.push('', 'Please confirm the resolution and rate our service (1–5) here:', n.ratingUrl);
    else lines.push('', 'Please confirm the resolution and rate our service (1–5) on the tracking page.');
  }
  if (n.kind === 'reopened')
    lines.push(`Ticket ${n.number} has been reopened; we are following it up and will answer you soon.`);
  if (n.kind === 'closed')
    lines.push(`Ticket ${n.number} is closed. Thank you: your feedback helps us improve.`);
  lines.push('', `Follow it here: ${n.trackingUrl}`, '(This message was sent automatically.)');
  return lines;
}

const SMS_STATUS: Record<NoticeKind, { 'zh-CN': string; en: string }> = {
  accepted: { 'zh-CN': '已受理', en: 'received' },
  assigned: { 'zh-CN': '处理中', en: 'being handled' },
  resolved: { 'zh-CN': '已处理，待您确认评价', en: 'resolved, please confirm and rate' },
  reopened: { 'zh-CN': '已重新打开', en: 'reopened' },
  closed: { 'zh-CN': '已闭环', en: 'closed' },
};

function zhSms(n: NoticeInput): string {
  const handler = n.handlerName ?? '客服专员';
  const line: Record<NoticeKind, string> = {
    accepted: `您的反馈已受理，工单号 ${n.number}。`,
    assigned: `工单 ${n.number} 已由 ${handler} 负责处理。`,
    resolved: `工单 ${n.number} 已处理完毕，请确认并评价。`,
    reopened: `工单 ${n.number} 已重新打开，我们会继续跟进。`,
    closed: `工单 ${n.number} 已闭环，感谢您的反馈。`,
  };
  return `${line[n.kind]}查看：${n.trackingUrl}`;
}

function enSms(n: NoticeInput): string {
  const handler = n.handlerName ?? 'our service team';
  const line: Record<NoticeKind, string> = {
    accepted: `We received your feedback, ticket ${n.number}.`,
    assigned: `Ticket ${n.number} is handled by ${handler}.`,
    resolved: `Ticket ${n.number} is resolved; please confirm and rate.`,
    reopened: `Ticket ${n.number} was reopened; we are on it.`,
    closed: `Ticket ${n.number} is closed. Thank you.`,
  };
  return `${line[n.kind]} ${n.trackingUrl}`;
}

/**
 * The SMS form of a notice: a short text with the number and tracking link in the customer's language (both
 * when unknown), and the template parameters a cloud provider's notice template takes (number, status, url;
 * the status label in Chinese unless the customer reads English).
 */
export function renderNoticeSms(n: NoticeInput): { text: string; params: Record<string, string> } {
  const text = n.locale === 'zh-CN' ? zhSms(n) : n.locale === 'en' ? enSms(n) : `${zhSms(n)}\n${enSms(n)}`;
  const status = SMS_STATUS[n.kind][n.locale === 'en' ? 'en' : 'zh-CN'];
  return { text, params: { number: n.number, status, url: n.trackingUrl } };
}

/** A status notice to the customer, in their language (both when it is not known). */
export function renderNotice(n: NoticeInput): { subject: string; text: string } {
  const subject = SUBJECT[n.kind];
  const zh = zhBody(n).join('\n');
  const en = enBody(n).join('\n');
  if (n.locale === 'zh-CN') return { subject: `[${n.number}] ${subject['zh-CN']}`, text: zh };
  if (n.locale === 'en') return { subject: `[${n.number}] ${subject.en}`, text: en };
  return { subject: `[${n.number}] ${subject['zh-CN']} / ${subject.en}`, text: `${zh}\n\n${RULE}\n\n${en}` };
}

export interface RenderedMail {
  subject: string;
  text: string;
}

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

/** The frame of an agent's public reply mailed to the customer: subject in the thread, ticket number, tracking link. */
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
