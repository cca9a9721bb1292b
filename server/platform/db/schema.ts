import type { CannedResponseTable } from '../../modules/canned/canned.table.js';
import type { CustomerIdentityTable, CustomerTable } from '../../modules/customers/customers.table.js';
import type { FeedbackUploadTable } from '../../modules/feedback/attachments/attachments.table.js';
import type {
  FeedbackAttachmentTable,
  FeedbackEventTable,
  FeedbackMessageTable,
  FeedbackShareTable,
  FeedbackTable,
  FeedbackTagPathTable,
  FeedbackTagTable,
  FeedbackTriageTable,
  TagTable,
  TicketCounterTable,
} from '../../modules/feedback/feedback.table.js';
import type {
  FeedbackDuplicateCheckTable,
  FeedbackLinkTable,
} from '../../modules/feedback/links/links.table.js';
import type { FeedbackSubtaskTable } from '../../modules/feedback/subtasks/subtasks.table.js';
import type { BusinessAreaTable } from '../../modules/identity/business-areas.table.js';
import type {
  ApiKeyTable,
  AuditLogTable,
  DepartmentTable,
  SessionTable,
  UserTable,
} from '../../modules/identity/identity.table.js';
import type { ImportRejectionTable, ImportTable } from '../../modules/intake/import/imports.table.js';
import type { IntakeSourceTable, IntakeSubmissionTable } from '../../modules/intake/intake.table.js';
import type {
  MailInboundTable,
  MailMailboxTable,
  MailOutboundTable,
  MailSettingsTable,
} from '../../modules/intake/mail/mail.table.js';
import type { WidgetSettingsTable } from '../../modules/intake/widget/widget.table.js';
import type {
  FeedbackRatingTable,
  FollowUpTable,
  MajorComplaintFlagTable,
  TrackingCodeTable,
  TrackingSessionTable,
} from '../../modules/loop/loop.table.js';

import type { NotificationTable } from '../../modules/notifications/notifications.table.js';
import type { SmsOutboundTable } from '../../modules/notifications/sms/sms.table.js';
import type {
  SlaCalendarDayTable,
  SlaCalendarTable,
  SlaClockTable,
  SlaEscalationRecipientTable,
  SlaEscalationTable,
  SlaPolicyTable,
} from '../../modules/sla/sla.table.js';
import type { SurveyResponseTable } from '../../modules/surveys/surveys.table.js';
import type { MessageTemplateTable } from '../../modules/templates/templates.table.js';
import type {
  NlpCorrectionTable,
  TriageRuleTable,
  TriageSettingTable,
  UserSkillTable,
} from '../../modules/triage/triage.table.js';
import type {
  WebhookAttemptTable,
  WebhookDeliveryTable,
  WebhookSettingsTable,
  WebhookSubscriptionTable,
} from '../../modules/webhooks/webhooks.table.js';
import type { OutboxTable } from '../events/outbox.table.js';
import type { IdempotencyKeyTable } from '../http/idempotency.table.js';
import type { JobTable } from '../jobs/jobs.table.js';
import type { ServerSecretTable } from '../security/server-secret.table.js';

/** Every table, as Kysely sees it. Each module owns its own tables; this only composes them. */
export interface Database {
  departments: DepartmentTable;
  users: UserTable;
  sessions: SessionTable;
  api_keys: ApiKeyTable;
  audit_log: AuditLogTable;
  customers: CustomerTable;
  customer_identities: CustomerIdentityTable;
  feedback: FeedbackTable;
  feedback_tags: FeedbackTagTable;
  feedback_tag_paths: FeedbackTagPathTable;
  tags: TagTable;
  feedback_messages: FeedbackMessageTable;
  feedback_attachments: FeedbackAttachmentTable;
  feedback_uploads: FeedbackUploadTable;
  feedback_links: FeedbackLinkTable;
  feedback_duplicate_checks: FeedbackDuplicateCheckTable;
  feedback_events: FeedbackEventTable;
  feedback_shares: FeedbackShareTable;
  ticket_counters: TicketCounterTable;
  idempotency_keys: IdempotencyKeyTable;
  outbox: OutboxTable;
  jobs: JobTable;
  feedback_triage: FeedbackTriageTable;
  triage_rules: TriageRuleTable;
  user_skills: UserSkillTable;
  triage_settings: TriageSettingTable;
  nlp_corrections: NlpCorrectionTable;
  sla_calendars: SlaCalendarTable;
  sla_calendar_days: SlaCalendarDayTable;
  sla_policies: SlaPolicyTable;
  sla_clocks: SlaClockTable;
  sla_escalations: SlaEscalationTable;
  sla_escalation_recipients: SlaEscalationRecipientTable;
  notifications: NotificationTable;
  imports: ImportTable;
  import_rejections: ImportRejectionTable;
  intake_sources: IntakeSourceTable;
  intake_submissions: IntakeSubmissionTable;
  webhook_subscriptions: WebhookSubscriptionTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  webhook_settings: WebhookSettingsTable;
  widget_settings: WidgetSettingsTable;
  survey_responses: SurveyResponseTable;
  tracking_codes: TrackingCodeTable;
  tracking_sessions: TrackingSessionTable;
  feedback_ratings: FeedbackRatingTable;
  major_complaint_flags: MajorComplaintFlagTable;
  follow_ups: FollowUpTable;
  server_secrets: ServerSecretTable;

  mail_mailboxes: MailMailboxTable;
  mail_inbound: MailInboundTable;
  mail_outbound: MailOutboundTable;
  mail_settings: MailSettingsTable;
  sms_outbound: SmsOutboundTable;
  canned_responses: CannedResponseTable;
  feedback_subtasks: FeedbackSubtaskTable;
  business_areas: BusinessAreaTable;
  message_templates: MessageTemplateTable;
}
