import type { FollowUp } from '../../../../shared/contracts/follow-ups.js';
import type { Locale } from '../../../../shared/enums.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { canViewFeedback, getFeedbackRecords } from '../../feedback/index.js';
import { getUserSummaries } from '../../identity/index.js';
import { followUpNotFound } from '../follow-up.policy.js';
import { presentFollowUp } from '../follow-up.presenter.js';
import * as repo from '../loop.repository.js';

export interface FollowUpQuery {
  due: string;
  scope: 'mine' | 'department';
  status: 'open' | 'done' | 'all';
  limit: number;
}

/** Presents rows with their ticket numbers and owners' names (two queries for any number of rows). */
export async function presentFollowUps(
  db: DbOrTrx,
  rows: repo.FollowUpRow[],
  locale: Locale,
): Promise<FollowUp[]> {
  const items = await getFeedbackRecords(db, [...new Set(rows.map((r) => r.feedback_id))]);
  const numbers = new Map(items.map((i) => [i.id, i.number]));
  const users = await getUserSummaries(db, [
    ...new Set(rows.map((r) => r.assignee_id).filter((id): id is string => id !== null)),
  ]);
  const names = new Map([...users].map(([id, u]) => [id, u.name]));
  return rows.map((row) =>
    presentFollowUp(row, { number: numbers.get(row.feedback_id) ?? null, names }, locale),
  );
}

/**
 * The actor's follow-ups (`mine`: assigned to them) or their department's (`department`; admins and supervisors
 * without a department see all), due by `due` (`now`, `all` or an ISO time), soonest first.
 */
export async function listFollowUpsFor(
  db: DbOrTrx,
  actor: Actor,
  query: FollowUpQuery,
  options: { now: Date; locale: Locale },
): Promise<FollowUp[]> {
  const dueBy =
    query.due === 'all'
      ? null
      : query.due === 'now'
        ? options.now.toISOString()
        : new Date(query.due).toISOString();
  const base = { status: query.status, dueBy, limit: query.limit };
  let rows: repo.FollowUpRow[];
  if (query.scope === 'mine') {
    rows =
      actor.type === 'user' && actor.id
        ? await repo.listFollowUps(db, { ...base, assigneeId: actor.id })
        : [];
  } else if (actor.departmentId === null) {
    rows =
      actor.role === 'admin' || actor.role === 'supervisor' || actor.role === 'analyst'
        ? await repo.listFollowUps(db, base)
        : [];
  } else {
    rows = await repo.listFollowUps(db, { ...base, departmentId: actor.departmentId });
  }
  return presentFollowUps(db, rows, options.locale);
}

/** A follow-up whose item the actor can see, with the item; 404 follow_up_not_found otherwise. */
export async function getFollowUpFor(db: DbOrTrx, actor: Actor, id: string) {
  const followUp = await repo.findFollowUp(db, id);
  if (!followUp) throw followUpNotFound();
  const [item] = await getFeedbackRecords(db, [followUp.feedback_id]);
  if (!item || !canViewFeedback(actor, item)) throw followUpNotFound();
  return { followUp, item };
}
