import type {
  Attachment,
  FeedbackEvent,
  FeedbackItem,
  FeedbackLink,
  FeedbackMessage,
  TagNode,
} from '../../../shared/contracts/feedback.js';
import type { SlaState } from '../../../shared/contracts/sla.js';
import type { Amount, PriorityReason, Routing, TriageInfo } from '../../../shared/contracts/triage.js';
import type { CustomerTier, Locale, Priority } from '../../../shared/enums.js';
import { allowedTransitions } from '../../../shared/feedback/status-machine.js';
import type { AttachmentRow } from './attachments/attachments.repository.js';
import type { FeedbackRecord } from './feedback.repository.js';
import { type LinkWithRelated, OPEN_STATUSES } from './links/links.repository.js';
import type { TagRow } from './tags.repository.js';
import type { EventRow, MessageRow } from './timeline.repository.js';
import type { FeedbackTriageRow } from './triage.repository.js';

export interface DepartmentRefView {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}
export interface PersonRefView {
  id: string;
  name: string;
}
export interface CustomerRefView {
  id: string;
  name: string | null;
  tier: CustomerTier;
}

/** An item with the names of who and what it points at, ready to present. */
export interface FeedbackView {
  record: FeedbackRecord;
  department: DepartmentRefView | null;
  assignee: PersonRefView | null;
  customer: CustomerRefView | null;
  /** The last automatic triage (absent for views built without it). */
  triage?: FeedbackTriageRow | null;
  /** SLA clocks (absent for views built without them). */
  sla?: SlaState | null;
  /** Files attached to the item's messages (absent for views built without them). */
  attachments?: AttachmentRow[];
  /** Links to other items (absent for views built without them). */
  links?: LinkWithRelated[];
}

/** A bilingual "中文 / English" text in the caller's language. */
function inLocale(text: string | null, locale: Locale): string | null {
  if (text === null) return null;
  const cut = text.indexOf(' / ');
  if (cut < 0) return text;
  return locale === 'zh-CN' ? text.slice(0, cut) : text.slice(cut + 3);
}

export function presentLink(row: LinkWithRelated, locale: Locale): FeedbackLink {
  return {
    relatedId: row.related_id,
    relatedNumber: row.related_number,
    kind: row.kind,
    score: row.score === null ? null : Number(row.score),
    relatedStatus: row.related_status,
    relatedSubject: row.related_subject,
    reason: inLocale(row.reason, locale),
    createdBy: { type: row.created_by_type, id: row.created_by_id },
    createdAt: row.created_at,
  };
}

export function presentAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    messageId: row.message_id,
    createdAt: row.created_at,
  };
}

/** A priority reason as stored on the triage row (both labels; the presenter picks the caller's). */
export interface StoredPriorityReason {
  code: string;
  priority: Priority;
  labelZh: string;
  labelEn: string;
  evidence: string[];
  ruleId: string | null;
}

export function presentPriorityReason(reason: StoredPriorityReason, locale: Locale): PriorityReason {
  return { ...reason, label: locale === 'zh-CN' ? reason.labelZh : reason.labelEn };
}

const STAFF_REASON = {
  code: 'set_by_staff',
  labelZh: '由工作人员设定',
  labelEn: 'Set by staff',
  evidence: [],
  ruleId: null,
};

/** Triage's reasons; when staff changed the priority since, that comes first (history has their reason). */
function priorityReasonsOf(view: FeedbackView, locale: Locale): PriorityReason[] {
  if (!view.triage) return [];
  const stored = JSON.parse(view.triage.priority_reasons) as StoredPriorityReason[];
  const reasons =
    view.record.priority !== view.triage.priority && stored[0]?.code !== 'set_by_staff'
      ? [{ ...STAFF_REASON, priority: view.record.priority }, ...stored]
      : stored;
  return reasons.map((reason) => presentPriorityReason(reason, locale));
}

function presentTriage(row: FeedbackTriageRow): TriageInfo {
  return {
    language: row.language,
    normalizedText: row.normalized_text,
    tokens: JSON.parse(row.tokens) as string[],
    natureEvidence: JSON.parse(row.nature_evidence) as string[],
    businessArea: row.business_area,
    ruleIds: JSON.parse(row.rule_ids) as string[],
    amounts: JSON.parse(row.amounts) as Amount[],
    routing: JSON.parse(row.routing) as Routing,
    needsRouting: row.needs_routing === 1,
    runs: row.runs,
    triagedAt: row.triaged_at,
  };
}

function parseObject(json: string | null): Record<string, unknown> | null {
  if (json === null) return null;
  const value: unknown = JSON.parse(json);
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** The agent console's view of an item (everything, including internal fields). */
export function presentForAgent(view: FeedbackView, locale: Locale = 'en'): FeedbackItem {
  const r = view.record;
  const d = view.department;
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    priority: r.priority,
    nature: r.nature,
    businessArea: r.business_area,
    channel: r.channel,
    tags: r.tags,
    sentiment: r.sentiment_label ? { label: r.sentiment_label, score: r.sentiment_score } : null,
    language: r.language,
    priorityReasons: priorityReasonsOf(view, locale),
    keywords: view.triage ? (JSON.parse(view.triage.keywords) as string[]) : [],
    triage: view.triage ? presentTriage(view.triage) : null,
    department: d
      ? {
          id: d.id,
          code: d.code,
          name: locale === 'zh-CN' ? d.nameZh : d.nameEn,
          nameZh: d.nameZh,
          nameEn: d.nameEn,
        }
      : null,
    assignee: view.assignee ? { id: view.assignee.id, name: view.assignee.name } : null,
    customer: view.customer
      ? { id: view.customer.id, name: view.customer.name, tier: view.customer.tier }
      : null,
    sharedWith: r.sharedWith,
    subject: r.subject,
    description: r.description,
    product: r.product,
    branch: r.branch,
    region: r.region,
    customFields: parseObject(r.custom_fields) ?? {},
    occurredAt: r.occurred_at,
    firstResponseDueAt: r.first_response_due_at,
    sla: view.sla ?? null,
    resolutionDueAt: r.resolution_due_at,
    firstRespondedAt: r.first_responded_at,
    resolvedAt: r.resolved_at,
    closedAt: r.closed_at,
    mergedIntoId: r.merged_into_id,
    attachments: (view.attachments ?? []).map(presentAttachment),
    links: (view.links ?? []).map((l) => ({
      relatedId: l.related_id,
      relatedNumber: l.related_number,
      kind: l.kind,
      score: l.score === null ? null : Number(l.score),
    })),
    possibleDuplicateOf: (view.links ?? [])
      .filter((l) => l.kind === 'possible_duplicate' && OPEN_STATUSES.includes(l.related_status))
      .map((l) => l.related_id),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    // Merging has its own endpoint, so it is not offered as a plain transition.
    allowedTransitions: allowedTransitions(r.status).filter((s) => s !== 'merged'),
  };
}

export function presentMessage(
  row: MessageRow,
  names: Map<string, string>,
  attachments: AttachmentRow[] = [],
): FeedbackMessage {
  let author: FeedbackMessage['author'] = null;
  if (row.author_user_id)
    author = { type: 'user', id: row.author_user_id, name: names.get(row.author_user_id) ?? null };
  else if (row.author_customer_id) author = { type: 'customer', id: row.author_customer_id, name: null };
  return {
    id: row.id,
    feedbackId: row.feedback_id,
    kind: row.kind,
    body: row.body,
    channel: row.channel,
    author,
    attachments: attachments.filter((a) => a.message_id === row.id).map(presentAttachment),
    createdAt: row.created_at,
  };
}

export function presentEvent(row: EventRow, names: Map<string, string>): FeedbackEvent {
  return {
    id: row.id,
    type: row.type,
    actor: {
      type: row.actor_type,
      id: row.actor_id,
      name: row.actor_id ? (names.get(row.actor_id) ?? null) : row.actor_type === 'system' ? 'system' : null,
    },
    from: row.from_value,
    to: row.to_value,
    reason: row.reason,
    data: parseObject(row.data),
    createdAt: row.created_at,
  };
}

/** Flat tag rows (sorted by path) → a forest. */
export function presentTagTree(rows: TagRow[]): TagNode[] {
  const nodes = new Map<string, TagNode>();
  const roots: TagNode[] = [];
  for (const row of rows)
    nodes.set(row.path, { path: row.path, name: row.name, labelEn: row.label_en, children: [] });
  for (const row of rows) {
    const node = nodes.get(row.path)!;
    const parent = row.parent_path ? nodes.get(row.parent_path) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
