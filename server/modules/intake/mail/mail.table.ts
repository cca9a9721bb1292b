/** An IMAP mailbox polled for customer mail (the password is kept as is: logging in needs it). */
export interface MailMailboxTable {
  id: string;
  name: string;
  host: string;
  port: number;
  tls: number;
  username: string;
  password: string;
  folder: string;
  enabled: number;
  /** UIDVALIDITY of the folder when last_uid was stored; a change means UIDs start over. */
  uid_validity: string | null;
  last_uid: number;
  last_polled_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** One received message (per source: `smtp` or `imap:<mailbox id>`) and what became of it. */
export interface MailInboundTable {
  id: string;
  source: string;
  /** The Message-ID, or `sha256:<hex>` of the raw message when it has none: the dedupe key. */
  message_key: string;
  /** The Message-ID header as sent (`<…>`), for threading our replies. */
  message_id: string | null;
  /** Its References chain (space-separated ids), for our replies' References. */
  references: string | null;
  from_address: string | null;
  subject: string | null;
  /** `created`, `appended`, `ignored` (auto-reply, bounce, list mail) or `rejected`. */
  outcome: string;
  reason: string | null;
  submission_id: string | null;
  feedback_id: string | null;
  feedback_message_id: string | null;
  received_at: string;
}

/** One mail we send (acknowledgement or agent reply), once per (purpose, ref_id). */
export interface MailOutboundTable {
  id: string;
  /** `ack` (ref = feedback id) or `reply` (ref = feedback message id). */
  purpose: string;
  ref_id: string;
  feedback_id: string | null;
  to_address: string | null;
  subject: string;
  body: string;
  message_id: string;
  reply_to: string | null;
  in_reply_to: string | null;
  references: string | null;
  auto_submitted: number;
  /** `pending`, `sent`, `failed` or `skipped` (no SMTP_URL, or nobody to send to). */
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One row (`default`): the secret that signs our threading tokens, generated on first use. */
export interface MailSettingsTable {
  id: string;
  token_secret: string;
  created_at: string;
}
