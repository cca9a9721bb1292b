import type { ColumnType } from 'kysely';
import type {
  Channel,
  FeedbackStatus,
  MessageKind,
  Nature,
  Priority,
  SentimentLabel,
} from '../../../shared/enums.js';

export interface FeedbackTable {
  id: string;
  number: string;
  channel: Channel;
  /** Intake source and its id, for dedupe of imports and webhooks. */
  source: string | null;
  source_id: string | null;
  customer_id: string | null;
  subject: string | null;
  description: string;
  nature: Nature | null;
  business_area: string | null;
  product: string | null;
  branch: string | null;
  region: string | null;
  status: FeedbackStatus;
  priority: Priority;
  language: string | null;
  sentiment_label: SentimentLabel | null;
  sentiment_score: number | null;
  department_id: string | null;
  assignee_id: string | null;
  /** JSON object of deployment-defined fields. */
  custom_fields: string;
  occurred_at: string | null;
  first_response_due_at: string | null;
  resolution_due_at: string | null;
  first_responded_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  merged_into_id: string | null;
  created_by_type: 'user' | 'api_key' | 'system' | 'customer';
  created_by_id: string | null;
  created_at: string;
  updated_at: string;
  /** Optimistic concurrency counter, bumped by every change. */
  version: number;
}

export interface FeedbackTagTable {
  feedback_id: string;
  /** Full tag path, levels separated by "/", e.g. "服务/排队时间". */
  tag: string;
  created_at: string;
}

export interface TagTable {
  path: string;
  parent_path: string | null;
  name: string;
  label_en: string | null;
  created_at: string;
}

export interface FeedbackMessageTable {
  id: string;
  feedback_id: string;
  kind: MessageKind;
  author_user_id: string | null;
  author_customer_id: string | null;
  body: string;
  channel: string | null;
  created_at: string;
}

export interface FeedbackAttachmentTable {
  id: string;
  feedback_id: string;
  message_id: string | null;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_at: string;
}

/** History of every change to an item: who, when, what, why. */
export interface FeedbackEventTable {
  id: string;
  feedback_id: string;
  type: string;
  actor_type: 'user' | 'api_key' | 'system' | 'customer';
  actor_id: string | null;
  from_value: string | null;
  to_value: string | null;
  reason: string | null;
  data: string | null;
  created_at: string;
}

/** Departments other than the owner that may see and work on an item. */
export interface FeedbackShareTable {
  feedback_id: string;
  department_id: string;
  shared_by: string | null;
  created_at: string;
  /**
   * `collaborate`: the department works on the item; `read`: it only sees it (given with a sub-task for
   * that department). Defaults to `collaborate`.
   */
  access: ColumnType<'collaborate' | 'read', 'collaborate' | 'read' | undefined, 'collaborate' | 'read'>;
}

export interface TicketCounterTable {
  day: string;
  last_value: number;
}

/** Every tag path of an item and all its ancestors, with the item's creation time (for subtree filters). */
export interface FeedbackTagPathTable {
  path: string;
  feedback_id: string;
  created_at: string;
}

/** The last automatic triage of an item (one row per item), written by the apply-triage command. */
export interface FeedbackTriageTable {
  feedback_id: string;
  language: string;
  normalized_text: string;
  /** JSON arrays / objects below. */
  tokens: string;
  keywords: string;
  sentiment_label: SentimentLabel;
  sentiment_score: number;
  nature: Nature | null;
  nature_evidence: string;
  business_area: string | null;
  priority: Priority;
  priority_reasons: string;
  rule_ids: string;
  amounts: string;
  routing: string;
  /** 1 while the item waits in the supervisors' triage queue (no department could be chosen). */
  needs_routing: number;
  runs: number;
  triaged_at: string;
}
