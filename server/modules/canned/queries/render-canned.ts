import type { CannedVariable } from '../../../../shared/contracts/canned.js';
import type { FeedbackStatus, Locale } from '../../../../shared/enums.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { getCustomerSummaries } from '../../customers/index.js';
import type { FeedbackRecord } from '../../feedback/index.js';
import { getDepartmentSummaries } from '../../identity/index.js';
import type { CannedRow } from '../canned.repository.js';
import { renderTemplate } from '../template.js';

const STATUS: Record<FeedbackStatus, Record<Locale, string>> = {
  received: { 'zh-CN': '已受理', en: 'received' },
  in_progress: { 'zh-CN': '处理中', en: 'in progress' },
  resolved: { 'zh-CN': '已解决', en: 'resolved' },
  closed: { 'zh-CN': '已闭环', en: 'closed' },
  reopened: { 'zh-CN': '重新处理中', en: 'reopened' },
  merged: { 'zh-CN': '已合并', en: 'merged' },
};
const FALLBACK = {
  customer: { 'zh-CN': '客户', en: 'customer' },
  subject: { 'zh-CN': '您的反馈', en: 'your feedback' },
  due: { 'zh-CN': '待定', en: 'to be confirmed' },
  department: { 'zh-CN': '客服中心', en: 'Customer service' },
} satisfies Record<string, Record<Locale, string>>;

/** A due time as people read it in the business time zone, e.g. 2026年11月24日 18:00 / 24 Nov 2026, 18:00. */
export function formatDue(iso: string, language: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone,
    year: 'numeric',
    month: language === 'en' ? 'short' : 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

/**
 * The response's text in `language` for this item, every variable replaced by plain text (an erased or
 * unnamed customer, an item without a due time or department get a neutral word instead).
 */
export async function renderCanned(
  db: DbOrTrx,
  args: { row: CannedRow; item: FeedbackRecord; actor: Actor; language: Locale; timeZone: string },
): Promise<string> {
  const { row, item, actor, language } = args;
  const customer = item.customer_id
    ? (await getCustomerSummaries(db, [item.customer_id])).get(item.customer_id)
    : undefined;
  const department = item.department_id
    ? (await getDepartmentSummaries(db, [item.department_id])).get(item.department_id)
    : undefined;
  const values: Record<CannedVariable, string> = {
    'customer.name': customer?.name && !customer.erased ? customer.name : FALLBACK.customer[language],
    'ticket.number': item.number,
    'ticket.subject': item.subject ?? FALLBACK.subject[language],
    'ticket.status': STATUS[item.status][language],
    'ticket.expectedResolution': item.resolution_due_at
      ? formatDue(item.resolution_due_at, language, args.timeZone)
      : FALLBACK.due[language],
    'agent.name': actor.name,
    'department.name': department
      ? language === 'en'
        ? department.nameEn
        : department.nameZh
      : FALLBACK.department[language],
  };
  return renderTemplate(language === 'en' ? row.body_en : row.body_zh, values);
}
