import type { CannedActions } from '../../../../shared/contracts/canned.js';
import type { Locale } from '../../../../shared/enums.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import type { DialectHelpers } from '../../../platform/db/dialect/index.js';
import {
  addMessage,
  authorizeFeedback,
  changeStatus,
  claimUploads,
  type FeedbackRecord,
  setTags,
  updateFeedbackFields,
} from '../../feedback/index.js';
import { type CannedRow, parseActions } from '../canned.repository.js';
import { renderCanned } from '../queries/render-canned.js';

export interface AppliedActions {
  status: { from: string; to: string } | null;
  addedTags: string[];
  priority: { from: string; to: string } | null;
}

/** The item permissions a macro needs besides replying: each action is checked like its own endpoint. */
export function authorizeMacro(actor: Actor, item: FeedbackRecord, actions: CannedActions | null): void {
  authorizeFeedback(actor, 'reply', item);
  if (actions?.addTags) authorizeFeedback(actor, 'tag', item);
  if (actions?.priority) authorizeFeedback(actor, 'update', item);
  if (actions?.status) authorizeFeedback(actor, 'transition', item);
}

/**
 * Applies a canned response to an item in one transaction: the reply (the agent's edited text, else the
 * response rendered in `language`) on the item's channel, then the macro's actions through the feedback
 * commands — tags added, priority set with the macro's title as the reason, status moved along the
 * lifecycle (409 invalid_transition rolls everything back, the reply included). An action that would
 * change nothing (the status or priority already set, the tags already there) is skipped.
 */
export async function applyCanned(
  db: Db,
  args: {
    row: CannedRow;
    item: FeedbackRecord;
    actor: Actor;
    language: Locale;
    body?: string | undefined;
    /** Upload tokens for the reply's attachments. */
    attachments?: string[] | undefined;
    maxAttachments: number;
    at: string;
    ip: string | null;
    timeZone: string;
    dialect: DialectHelpers;
  },
): Promise<{ text: string; messageId: string; applied: AppliedActions; record: FeedbackRecord }> {
  const { row, item, actor, at, ip } = args;
  const actions = parseActions(row.actions);
  authorizeMacro(actor, item, actions);
  const text =
    args.body ??
    (await renderCanned(db, { row, item, actor, language: args.language, timeZone: args.timeZone }));
  const reason = args.language === 'en' ? row.title_en : row.title_zh;
  return db.transaction().execute(async (trx) => {
    const base = { trx, actor, at, ip, feedbackId: item.id };
    const attachments = await claimUploads(trx, args.attachments, { at, maxCount: args.maxAttachments });
    const sent = await addMessage({ ...base, kind: 'agent', body: text, attachments });
    let record = sent.record;
    const applied: AppliedActions = { status: null, addedTags: [], priority: null };
    if (actions?.addTags) {
      const before = record.tags;
      record = await setTags({ ...base, tags: [...before, ...actions.addTags], reason });
      applied.addedTags = record.tags.filter((t) => !before.includes(t));
    }
    if (actions?.priority && actions.priority !== record.priority) {
      const from = record.priority;
      record = await updateFeedbackFields({
        ...base,
        changes: { priority: actions.priority },
        reason,
        dialect: args.dialect,
      });
      applied.priority = { from, to: record.priority };
    }
    if (actions?.status && actions.status !== record.status) {
      const from = record.status;
      record = await changeStatus({ ...base, to: actions.status, reason });
      applied.status = { from, to: record.status };
    }
    return { text, messageId: sent.message.id, applied, record };
  });
}
