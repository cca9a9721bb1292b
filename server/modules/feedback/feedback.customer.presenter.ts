import type { z } from 'zod';
import type { CustomerTicketView, ZCustomerTimelineEntry } from '../../../shared/contracts/tracking.js';
import type { Locale } from '../../../shared/enums.js';
import type { CustomerViewSource } from './queries/customer-view.js';

type Entry = z.infer<typeof ZCustomerTimelineEntry>;
type Labels = Record<string, { 'zh-CN': string; en: string }>;

const STATUS: Labels = {
  received: { 'zh-CN': '已受理', en: 'Received' },
  in_progress: { 'zh-CN': '处理中', en: 'In progress' },
  resolved: { 'zh-CN': '已解决，待您确认', en: 'Resolved, awaiting your confirmation' },
  closed: { 'zh-CN': '已闭环', en: 'Closed' },
  reopened: { 'zh-CN': '已重新处理', en: 'Reopened' },
  merged: { 'zh-CN': '已合并到另一工单', en: 'Merged into another ticket' },
};

const KIND: Labels = {
  received: { 'zh-CN': '我们已收到您的反馈', en: 'We received your feedback' },
  classified: { 'zh-CN': '已分类：{nature}', en: 'Classified: {nature}' },
  assigned: { 'zh-CN': '已分配给 {name} 处理', en: 'Assigned to {name}' },
  in_progress: { 'zh-CN': '正在处理', en: 'Being handled' },
  reply: { 'zh-CN': '{name} 回复了您', en: '{name} replied' },
  customer_message: { 'zh-CN': '您补充了信息', en: 'You added information' },
  resolved: { 'zh-CN': '已解决，请确认并评价', en: 'Resolved — please confirm and rate' },
  reopened: { 'zh-CN': '已重新处理', en: 'Reopened' },
  closed: { 'zh-CN': '已闭环', en: 'Closed' },
  merged: { 'zh-CN': '已与相同问题的工单合并', en: 'Merged with a ticket about the same issue' },
};

const NATURE: Labels = {
  complaint: { 'zh-CN': '投诉', en: 'complaint' },
  suggestion: { 'zh-CN': '建议', en: 'suggestion' },
  inquiry: { 'zh-CN': '咨询', en: 'inquiry' },
  praise: { 'zh-CN': '表扬', en: 'praise' },
};

const SERVICE_TEAM = { 'zh-CN': '客服专员', en: 'Our service team' };

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => params[key] ?? '');
}

function parseData(data: string | null): Record<string, unknown> {
  if (!data) return {};
  try {
    const value: unknown = JSON.parse(data);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function closureOf(data: Record<string, unknown>): CustomerTicketView['closure'] {
  const c = data.closure as Record<string, unknown> | undefined;
  if (
    !c ||
    typeof c.rootCause !== 'string' ||
    typeof c.remedy !== 'string' ||
    typeof c.prevention !== 'string'
  )
    return null;
  return { rootCause: c.rootCause, remedy: c.remedy, prevention: c.prevention };
}

/**
 * The customer's view of a ticket (tracking page, portal): status, handler's display name, expected completion,
 * closure letter and a timeline of public events only — no internal notes, priorities, reasons, tags or staff ids.
 */
export function presentForCustomer(source: CustomerViewSource, locale: Locale): CustomerTicketView {
  const { item, names } = source;
  const label = (labels: Labels, key: string) => labels[key]?.[locale] ?? key;
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? SERVICE_TEAM[locale]) : SERVICE_TEAM[locale]);
  const entries: Entry[] = [];
  let closure: CustomerTicketView['closure'] = null;
  for (const e of source.events) {
    const data = parseData(e.data);
    const base = { at: e.created_at, handlerName: null, body: null };
    if (e.type === 'created') entries.push({ ...base, kind: 'received', label: label(KIND, 'received') });
    else if (e.type === 'triaged' && item.nature)
      entries.push({
        ...base,
        kind: 'classified',
        label: fill(label(KIND, 'classified'), { nature: label(NATURE, item.nature) }),
      });
    else if (e.type === 'assignee_changed' && e.to_value) {
      const name = nameOf(e.to_value);
      entries.push({
        ...base,
        kind: 'assigned',
        handlerName: name,
        label: fill(label(KIND, 'assigned'), { name }),
      });
    } else if (e.type === 'status_changed' && e.to_value && e.to_value in KIND && e.to_value !== 'received') {
      const kind = e.to_value as Entry['kind'];
      if (kind === 'resolved') closure = closureOf(data) ?? closure;
      entries.push({ ...base, kind, label: label(KIND, kind) });
    }
  }
  for (const m of source.messages) {
    if (m.kind === 'agent') {
      const name = nameOf(m.author_user_id);
      entries.push({
        kind: 'reply',
        at: m.created_at,
        handlerName: name,
        body: m.body,
        label: fill(label(KIND, 'reply'), { name }),
      });
    } else if (m.kind === 'customer' && entries.some((x) => x.kind === 'received' && x.at < m.created_at)) {
      // The first customer message is the submission itself, already shown as "received".
      entries.push({
        kind: 'customer_message',
        at: m.created_at,
        handlerName: null,
        body: m.body,
        label: label(KIND, 'customer_message'),
      });
    }
  }
  entries.sort((a, b) => a.at.localeCompare(b.at));
  const open = item.status !== 'resolved' && item.status !== 'closed' && item.status !== 'merged';
  return {
    number: item.number,
    status: item.status,
    statusLabel: label(STATUS, item.status),
    nature: item.nature,
    businessArea: item.business_area,
    submittedAt: item.created_at,
    expectedResolutionAt: open ? item.resolution_due_at : null,
    handlerName: item.assignee_id ? nameOf(item.assignee_id) : null,
    resolvedAt: item.resolved_at,
    closedAt: item.closed_at,
    closure: item.status === 'resolved' || item.status === 'closed' ? closure : null,
    timeline: entries,
  };
}
