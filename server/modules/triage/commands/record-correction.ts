import type { DbOrTrx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { isAppError } from '../../../platform/http/errors.js';
import { getFeedbackOrThrow } from '../../feedback/index.js';
import { type CorrectionRow, insertCorrection, listCorrections } from '../triage.repository.js';

/** Stores an agent's nature override with the item's text (once per source event). */
export async function recordNatureCorrection(
  db: DbOrTrx,
  input: {
    feedbackId: string;
    sourceEventId: string;
    oldLabel: string | null;
    newLabel: string;
    actor: { type: string; id: string | null };
    at: string;
  },
): Promise<void> {
  let text: string;
  try {
    const record = await getFeedbackOrThrow(db, input.feedbackId);
    text = [record.subject, record.description].filter(Boolean).join('\n');
  } catch (error) {
    if (isAppError(error) && error.code === 'feedback_not_found') return;
    throw error;
  }
  await insertCorrection(db, {
    id: newId(),
    task: 'nature',
    feedback_id: input.feedbackId,
    source_event_id: input.sourceEventId,
    text,
    old_label: input.oldLabel,
    new_label: input.newLabel,
    actor_type: input.actor.type,
    actor_id: input.actor.id,
    created_at: input.at,
  });
}

/**
 * Corrections as the training script reads them (`npm run train -- --corrections FILE`): one JSON line
 * `{ "text", "label", "task" }` each; the latest override of an item wins, earlier ones are dropped.
 */
export async function exportCorrections(db: DbOrTrx): Promise<string[]> {
  const rows = await listCorrections(db);
  const latest = new Map<string, CorrectionRow>();
  for (const row of rows) latest.set(`${row.task}\u0000${row.feedback_id ?? row.id}`, row);
  return [...latest.values()].map((r) => JSON.stringify({ text: r.text, label: r.new_label, task: r.task }));
}
