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
