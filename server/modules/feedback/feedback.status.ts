import type { FeedbackStatus } from '../../../shared/enums.js';
import { canTransition } from '../../../shared/feedback/status-machine.js';
import { AppError } from '../../platform/http/errors.js';

/** 409 invalid_transition unless the shared lifecycle table allows from → to. */
export function assertTransition(from: FeedbackStatus, to: FeedbackStatus): void {
  if (!canTransition(from, to)) throw new AppError('invalid_transition', { params: { from, to } });
}
