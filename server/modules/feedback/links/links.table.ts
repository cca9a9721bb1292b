import type { FeedbackLinkKind } from '../../../../shared/contracts/feedback.js';

/** A link between two items, stored once per direction; unique per (item, related item, kind). */
export interface FeedbackLinkTable {
  id: string;
  feedback_id: string;
  related_id: string;
  kind: FeedbackLinkKind;
  /** Text similarity (cosine, 0–1) for automatic `possible_duplicate` links; null for manual ones. */
  score: number | null;
  /** Bilingual reason ("中文 / English"). */
  reason: string | null;
  created_by_type: 'user' | 'api_key' | 'system';
  created_by_id: string | null;
  created_at: string;
}

/** Duplicate detection ran for this item (one row per item: redeliveries of the job do nothing). */
export interface FeedbackDuplicateCheckTable {
  feedback_id: string;
  candidates: number;
  flagged: number;
  checked_at: string;
}
