/** One SMS we send to a customer (tracking code or status notice), once per (purpose, ref_id). */
export interface SmsOutboundTable {
  id: string;
  /** `tracking_code` (ref = code id) or `customer_notice` (ref = event id). */
  purpose: string;
  ref_id: string;
  feedback_id: string | null;
  /** E.164; blanked when the customer is erased. */
  to_number: string | null;
  /** The gateway template: `code`, `notice` or `reply`. */
  template: string;
  /** JSON object of the template's parameters, in the template's order. */
  params: string;
  /** The full text (what a generic HTTP gateway sends). */
  body: string;
  /** `pending`, `sent`, `failed` or `skipped` (no gateway, nobody to send to, or a recipient limit). */
  status: string;
  attempts: number;
  /** `http`, `aliyun` or `tencent`: the gateway of the last attempt. */
  provider: string | null;
  provider_message_id: string | null;
  last_error: string | null;
  next_attempt_at: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
}
