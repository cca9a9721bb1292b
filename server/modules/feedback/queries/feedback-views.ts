import type { DbOrTrx } from '../../../platform/db/database.js';
import { getCustomerSummaries } from '../../customers/index.js';
import { getDepartmentSummaries, getUserSummaries } from '../../identity/index.js';
import { loadSlaStates } from '../../sla/index.js';
import { type AttachmentRow, listAttachmentsOf } from '../attachments/attachments.repository.js';
import type { FeedbackView } from '../feedback.presenter.js';
import type { FeedbackRecord } from '../feedback.repository.js';
import { type LinkWithRelated, listLinksOf } from '../links/links.repository.js';
import { findFeedbackTriageRows } from '../triage.repository.js';

function ids(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}

/**
 * Looks up department, assignee and customer names, the triage rows and the SLA clocks for many items
 * at once (a handful of key lookups).
 */
export async function loadFeedbackViews(db: DbOrTrx, records: FeedbackRecord[]): Promise<FeedbackView[]> {
  if (records.length === 0) return [];
  const itemIds = records.map((r) => r.id);
  const [departments, users, customers, triage, sla, attachmentRows, linkRows] = await Promise.all([
    getDepartmentSummaries(db, ids(records.map((r) => r.department_id))),
    getUserSummaries(db, ids(records.map((r) => r.assignee_id))),
    getCustomerSummaries(db, ids(records.map((r) => r.customer_id))),
    findFeedbackTriageRows(
      db,
      records.map((r) => r.id),
    ),
    loadSlaStates(
      db,
      records.map((r) => r.id),
    ),
    listAttachmentsOf(db, itemIds),
    listLinksOf(db, itemIds),
  ]);
  const links = new Map<string, LinkWithRelated[]>();
  for (const row of linkRows) {
    const list = links.get(row.feedback_id);
    if (list) list.push(row);
    else links.set(row.feedback_id, [row]);
  }
  const attachments = new Map<string, AttachmentRow[]>();
  for (const row of attachmentRows) {
    const list = attachments.get(row.feedback_id);
    if (list) list.push(row);
    else attachments.set(row.feedback_id, [row]);
  }
  return records.map((record) => ({
    record,
    department: (record.department_id && departments.get(record.department_id)) || null,
    assignee: (record.assignee_id && users.get(record.assignee_id)) || null,
    customer: (record.customer_id && customers.get(record.customer_id)) || null,
    triage: triage.get(record.id) ?? null,
    sla: sla.get(record.id) ?? null,
    attachments: attachments.get(record.id) ?? [],
    links: links.get(record.id) ?? [],
  }));
}

export async function loadFeedbackView(db: DbOrTrx, record: FeedbackRecord): Promise<FeedbackView> {
  const [view] = await loadFeedbackViews(db, [record]);
  return view!;
}
