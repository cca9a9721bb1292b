import type { FeedbackStatus } from '../enums.js';

/**
 * The one lifecycle table, used by the server to enforce transitions and by the web app to offer them.
 * received 已受理 → in_progress 处理中 → resolved 已解决 (awaiting confirmation) → closed 已闭环;
 * reopened when the customer is not satisfied; merged into another ticket (terminal).
 */
export const STATUS_TRANSITIONS: Readonly<Record<FeedbackStatus, readonly FeedbackStatus[]>> = {
  received: ['in_progress', 'resolved', 'closed', 'merged'],
  in_progress: ['resolved', 'closed', 'merged'],
  resolved: ['closed', 'reopened', 'in_progress'],
  closed: ['reopened'],
  reopened: ['in_progress', 'resolved', 'closed', 'merged'],
  merged: [],
};

/** Statuses in which an item still needs work (counts as open in queues and SLA). */
export const OPEN_STATUSES: readonly FeedbackStatus[] = ['received', 'in_progress', 'reopened'];

export function canTransition(from: FeedbackStatus, to: FeedbackStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

export function allowedTransitions(from: FeedbackStatus): readonly FeedbackStatus[] {
  return STATUS_TRANSITIONS[from];
}
