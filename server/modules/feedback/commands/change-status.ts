import type { Closure } from '../../../../shared/contracts/feedback.js';
import type { FeedbackStatus } from '../../../../shared/enums.js';
import { AppError } from '../../../platform/http/errors.js';
import { FEEDBACK_EVENTS } from '../feedback.events.js';
import {
  type FeedbackRecord,
  type FeedbackRow,
  findFeedbackRecord,
  saveFeedbackRow,
} from '../feedback.repository.js';
import { assertTransition } from '../feedback.status.js';
import { beginChange, type CommandBase, recordChange } from './change.js';

/** Timestamps a status sets or clears: resolving stamps resolved_at, closing closed_at; going back clears them. */
function timestamps(to: FeedbackStatus, at: string): Partial<Pick<FeedbackRow, 'resolved_at' | 'closed_at'>> {
  switch (to) {
    case 'resolved':
      return { resolved_at: at, closed_at: null };
    case 'closed':
      return { closed_at: at };
    case 'reopened':
    case 'in_progress':
      return { resolved_at: null, closed_at: null };
    default:
      return {};
  }
}

/**
 * Moves an item along the lifecycle table (409 invalid_transition otherwise). Resolving needs a
 * closure letter (root cause, remedy, prevention), kept in the history row. Merging has its own command.
 */
export async function changeStatus(
  options: CommandBase & {
    feedbackId: string;
    to: FeedbackStatus;
    reason?: string | null;
    closure?: Closure | null;
  },
): Promise<FeedbackRecord> {
  const { trx, at, to } = options;
  const row = await beginChange(trx, options.feedbackId);
  const from = row.status;
  assertTransition(from, to);
  if (to === 'merged')
    throw new AppError('invalid_transition', {
      params: { from, to },
      details: { use: 'POST /api/v1/feedback/{id}/merge' },
    });
  if (to === 'resolved' && !options.closure) throw new AppError('closure_required');
  await saveFeedbackRow(trx, row, { status: to, ...timestamps(to, at) }, at);
  const closure = to === 'resolved' ? options.closure : undefined;
  await recordChange(options, {
    feedbackId: row.id,
    history: [
      {
        type: 'status_changed',
        from,
        to,
        reason: options.reason ?? null,
        data: closure ? { closure } : null,
      },
    ],
    event: FEEDBACK_EVENTS.statusChanged,
    payload: {
      number: row.number,
      from,
      to,
      reason: options.reason ?? null,
      ...(closure ? { closure } : {}),
    },
  });
  return (await findFeedbackRecord(trx, row.id))!;
}
