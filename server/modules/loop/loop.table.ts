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
  /** `tracking` (the tracking page / API). */
  via: string;
  created_at: string;
}
