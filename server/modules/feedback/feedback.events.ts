/** Domain events the feedback module writes to the outbox (subscribers register on these names). */
export const FEEDBACK_EVENTS = {
  created: 'feedback.created',
  statusChanged: 'feedback.status_changed',
  assigned: 'feedback.assigned',
  messageAdded: 'feedback.message_added',
  tagsChanged: 'feedback.tags_changed',
  updated: 'feedback.updated',
  shared: 'feedback.shared',
  unshared: 'feedback.unshared',
  merged: 'feedback.merged',
  slaDueSet: 'feedback.sla_due_set',
  /** Automatic triage recorded: payload { priority, nature, businessArea, departmentId, assigneeId, changed }. */
  triaged: 'feedback.triaged',
  /** Two items linked (manually `related`, or flagged `possible_duplicate` by detection): payload { relatedId, kind, score }. */
  linked: 'feedback.linked',
  /** A link removed (a possible duplicate dismissed): payload { relatedId, kinds }. */
  unlinked: 'feedback.unlinked',
  /** A sub-task spawned for another department: payload { subtaskId, departmentId, assigneeId }. */
  subtaskCreated: 'feedback.subtask_created',
  /** A sub-task done or cancelled: payload { subtaskId, departmentId, status, outcome }. */
  subtaskClosed: 'feedback.subtask_closed',
} as const;

export type FeedbackEventType = (typeof FEEDBACK_EVENTS)[keyof typeof FEEDBACK_EVENTS];

/** Aggregate type recorded on every outbox row of this module. */
export const FEEDBACK_AGGREGATE = 'feedback';
