/** A one-time code sent to the contact on record so a customer can follow a ticket without an account. */
export interface TrackingCodeTable {
  id: string;
  feedback_id: string;
  /** SHA-256 of `<id>:<code>`; the code itself is only in the message sent to the customer. */
  code_hash: string;
  /** `email` or `sms`. */
  channel: string;
  /** `queued`, or `unavailable` when the channel cannot send (e.g. no SMS gateway configured). */
  delivery_status: string;
  /** Wrong codes tried against it; at the limit it is dead. */
  attempts: number;
  expires_at: string;
  consumed_at: string | null;
  remote_ip: string | null;
  created_at: string;
}

/** A customer's short-lived read access to one ticket, won with a code. */
export interface TrackingSessionTable {
  id: string;
  /** SHA-256 of the bearer token. */
  token_hash: string;
  feedback_id: string;
  expires_at: string;
  created_at: string;
}

/** The customer's answer to a resolution: one per resolution round (a reopened and re-resolved item is rated again). */
export interface FeedbackRatingTable {
  id: string;
  feedback_id: string;
  /** The item's resolved_at when it was rated: identifies the round. */
  resolved_at: string;
  /** 1–5. */
  score: number;
  comment: string | null;
  /** `closed` (3 or more) or `reopened` (below 3). */
  outcome: string;
  /** `tracking` (the tracking page / API) or `rating_link` (the signed link mailed with the resolution). */
  via: string;
  created_at: string;
}

/** An agent's mark that an item is a major complaint (it then gets a follow-up visit after closure). */
export interface MajorComplaintFlagTable {
  feedback_id: string;
  flagged_by: string | null;
  reason: string | null;
  created_at: string;
}

/** A follow-up visit of a major complaint, due `FOLLOW_UP_DAYS` after a closure: one per closure event. */
export interface FollowUpTable {
  id: string;
  feedback_id: string;
  /** The `feedback.status_changed` (to closed) event it was created for: unique with the item. */
  closure_event_id: string;
  closed_at: string;
  /** `urgent`, `high` or `flagged`: why it is a major complaint. */
  reason: string;
  /** The item's owner at closure (null when it had none: the department's supervisors are told instead). */
  assignee_id: string | null;
  department_id: string | null;
  due_at: string;
  /** `open` or `done`. */
  status: string;
  /** When the in-app "follow-up due" notification went out (once). */
  due_notified_at: string | null;
  care_measure: string | null;
  /** 1 / 0 once done. */
  satisfied_again: number | null;
  note: string | null;
  done_by: string | null;
  done_at: string | null;
  created_at: string;
}
