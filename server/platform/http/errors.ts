import type { Locale } from '../../../shared/enums.js';
import { type ErrorCode, formatMessage } from './messages.js';

const DEFAULT_STATUS: Partial<Record<ErrorCode, number>> = {
  validation_failed: 400,
  invalid_json: 400,
  invalid_utf8: 400,
  empty_body: 400,
  invalid_cursor: 400,
  invalid_email: 400,
  invalid_phone: 400,
  invalid_external_id: 400,
  contact_required: 400,
  closure_required: 400,
  priority_reason_required: 400,
  idempotency_key_invalid: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_api_key: 401,
  csrf_invalid: 403,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  feedback_not_found: 404,
  customer_not_found: 404,
  identity_not_found: 404,
  user_not_found: 404,
  department_not_found: 404,
  api_key_not_found: 404,
  triage_rule_not_found: 404,
  triage_rule_department_invalid: 400,
  invalid_transition: 409,
  conflict: 409,
  email_taken: 409,
  identity_taken: 409,
  customer_erased: 409,
  department_code_taken: 409,
  department_in_use: 409,
  business_area_not_found: 404,
  business_area_code_taken: 409,
  business_area_in_use: 409,
  business_area_unknown: 422,
  business_area_inactive: 422,
  tag_not_found: 404,
  tag_in_use: 409,
  tag_has_children: 409,
  merge_target_invalid: 409,
  feedback_merged: 409,
  body_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  rate_limited: 429,
  consent_required: 400,
  captcha_failed: 400,
  invalid_json_path: 400,
  signature_invalid: 401,
  signature_expired: 401,
  intake_source_not_found: 404,
  intake_source_slug_taken: 409,
  mapping_failed: 422,
  import_not_found: 404,
  import_unknown_format: 415,
  webhook_not_found: 404,
  webhook_delivery_not_found: 404,
  webhook_destination_forbidden: 422,
  attachment_too_large: 413,
  attachment_type_not_allowed: 415,
  attachment_empty: 400,
  attachment_count_exceeded: 400,
  attachment_token_invalid: 400,
  attachment_token_expired: 400,
  attachment_token_used: 400,
  attachment_not_found: 404,
  feedback_link_not_found: 404,
  feedback_link_self: 400,
  canned_response_not_found: 404,
  message_template_not_found: 404,
  message_template_subject_invalid: 400,
  message_template_variable_unknown: 422,
  canned_action_invalid: 400,
  subtask_not_found: 404,
  subtask_closed: 409,
  subtask_parent_closed: 409,
  mailbox_not_found: 404,
  mailbox_poll_failed: 502,
  rating_link_invalid: 401,
  rating_link_expired: 401,
  rating_link_superseded: 409,
  closure_letter_unavailable: 409,
  follow_up_not_found: 404,
  follow_up_already_done: 409,

  internal_error: 500,
  service_unavailable: 503,
};

/** The one application error: a machine-readable code, an HTTP status and message parameters. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: Record<string, unknown>;
  readonly details: unknown;

  constructor(
    code: ErrorCode,
    options: { status?: number; params?: Record<string, unknown>; details?: unknown } = {},
  ) {
    super(formatMessage(code, 'en', options.params));
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? DEFAULT_STATUS[code] ?? 400;
    this.params = options.params ?? {};
    this.details = options.details;
  }

  toBody(locale: Locale): { error: { code: string; message: string; details?: unknown } } {
    const body: { code: string; message: string; details?: unknown } = {
      code: this.code,
      message: formatMessage(this.code, locale, this.params),
    };
    if (this.details !== undefined) body.details = this.details;
    return { error: body };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
