/** One raw submission exactly as it arrived on a channel, kept whatever became of it. */
export interface IntakeSubmissionTable {
  id: string;
  channel: string;
  /** `public`, `phone`, `webhook:<slug>`, … */
  source: string;
  /** The configured webhook source, when it came through one. */
  source_ref: string | null;
  received_at: string;
  content_type: string | null;
  /** The body as text; bytes that are not UTF-8 are kept base64-encoded (`payload_encoding`). */
  payload: string | null;
  payload_encoding: 'utf8' | 'base64';
  remote_ip: string | null;
  feedback_id: string | null;
  customer_id: string | null;
  /** `created`, `duplicate` (a replay of an item already created) or `rejected`. */
  outcome: string;
  /** Why it was rejected (code and the failing path), JSON. */
  error: string | null;
  actor_type: string | null;
  actor_id: string | null;
}

/** A configured generic inbound webhook (SMS gateway, social network, review site, app store). */
export interface IntakeSourceTable {
  id: string;
  name: string;
  slug: string;
  channel: string;
  secret: string;
  algorithm: string;
  signature_header: string;
  timestamp_header: string | null;
  tolerance_seconds: number;
  /** JSON object: record field → JSON path. */
  mapping: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}
