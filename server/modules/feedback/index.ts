import type { Module } from '../module.js';
import {
  PURGE_UPLOADS_JOB,
  registerAttachmentJobs,
  SWEEP_ORPHAN_FILES_JOB,
} from './attachments/attachments.jobs.js';
import { feedbackRoutes } from './feedback.routes.js';
import { registerLinkJobs } from './links/links.jobs.js';

export {
  contentDisposition,
  decodeHeaderFileName,
  sanitizeFileName,
} from './attachments/file-name.js';
export {
  type AttachmentConfig,
  discardPreparedAttachments,
  type PreparedAttachment,
  prepareAttachment,
  withPreparedAttachments,
} from './attachments/storage.js';
export { addMessage } from './commands/add-message.js';
export { applyTriage, type TriageOutcome } from './commands/apply-triage.js';
export { assignFeedback } from './commands/assign-feedback.js';
export type { CommandBase } from './commands/change.js';
export { changeStatus } from './commands/change-status.js';
export { claimUploads } from './commands/claim-uploads.js';
export { type CreateFeedbackInput, createFeedback } from './commands/create-feedback.js';
export { detectDuplicates } from './commands/detect-duplicates.js';
export { mergeFeedback } from './commands/merge-feedback.js';
export { lockFeedback, recordItemEvent, recordSlaEvent } from './commands/record-sla-event.js';
export { type SlaPolicyRef, setSlaDue } from './commands/set-sla-due.js';
export { setTags } from './commands/set-tags.js';
export { type FeedbackFieldChanges, updateFeedbackFields } from './commands/update-feedback-fields.js';
export { presentForCustomer } from './feedback.customer.presenter.js';
export { FEEDBACK_AGGREGATE, FEEDBACK_EVENTS, type FeedbackEventType } from './feedback.events.js';
export {
  authorizeFeedback,
  canView as canViewFeedback,
  type FeedbackAction,
  type VisibilityScope,
  visibilityScope,
} from './feedback.policy.js';
export {
  type FeedbackView,
  presentForAgent,
  presentPriorityReason,
  type StoredPriorityReason,
} from './feedback.presenter.js';
export { type FeedbackRecord, type FeedbackRow, findFeedbackIdBySource } from './feedback.repository.js';
export { type CustomerViewSource, findItemByNumber, loadCustomerView } from './queries/customer-view.js';
export { loadFeedbackView, loadFeedbackViews } from './queries/feedback-views.js';
export { customerFeedbackStats, getFeedbackOrThrow, getFeedbackRecords } from './queries/get-feedback.js';
export { getFeedbackMessage } from './queries/get-message.js';
export { feedbackIdsOfCustomer } from './queries/ids-of-customer.js';
export { findResolvedBefore } from './queries/resolved-before.js';
export { visibleTo } from './search.repository.js';
export { type FeedbackTriageRow, humanSetFields } from './triage.repository.js';

/** THE aggregate: ticket numbers, the record, messages, lifecycle, assignment, tags, sharing, merging. */
export const feedbackModule: Module = {
  name: 'feedback',
  routes: feedbackRoutes,
  registerJobs(ctx) {
    registerAttachmentJobs(ctx);
    registerLinkJobs(ctx);
  },
  schedule: [
    { jobName: PURGE_UPLOADS_JOB, everyMs: 3_600_000 },
    { jobName: SWEEP_ORPHAN_FILES_JOB, everyMs: 86_400_000 },
  ],
};
