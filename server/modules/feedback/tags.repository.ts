import type { Selectable } from 'kysely';
import { parentTagPath, tagPathWithAncestors } from '../../../shared/feedback/tags.js';
import type { DbOrTrx } from '../../platform/db/database.js';
import type { TagTable } from './feedback.table.js';

export type TagRow = Selectable<TagTable>;

/** Makes sure every path and all its ancestors exist in `tags` (parents first, for the parent reference). */
export async function ensureTagPaths(
  trx: DbOrTrx,
  paths: string[],
  at: string,
  labels: Map<string, string> = new Map(),
): Promise<void> {
  const all = [...new Set(paths.flatMap(tagPathWithAncestors))].sort(
    (a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1),
  );
  for (const path of all) {
    await trx
      .insertInto('tags')
      .values({
        path,
        parent_path: parentTagPath(path),
        name: path.slice(path.lastIndexOf('/') + 1),
        label_en: labels.get(path) ?? null,
        created_at: at,
      })
      .onConflict((oc) => oc.column('path').doNothing())
      .execute();
  }
  for (const [path, label] of labels) {
    await trx.updateTable('tags').set({ label_en: label }).where('path', '=', path).execute();
  }
}

export async function tagsOfFeedback(db: DbOrTrx, feedbackId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('feedback_tags')
    .select('tag')
    .where('feedback_id', '=', feedbackId)
    .orderBy('tag')
    .execute();
  return rows.map((r) => r.tag);
}

export async function addFeedbackTags(
  trx: DbOrTrx,
  feedbackId: string,
  tags: string[],
  at: string,
): Promise<void> {
  if (tags.length === 0) return;
  await trx
    .insertInto('feedback_tags')
    .values(tags.map((tag) => ({ feedback_id: feedbackId, tag, created_at: at })))
    .onConflict((oc) => oc.columns(['feedback_id', 'tag']).doNothing())
    .execute();
}

export async function removeFeedbackTags(trx: DbOrTrx, feedbackId: string, tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  await trx
    .deleteFrom('feedback_tags')
    .where('feedback_id', '=', feedbackId)
    .where('tag', 'in', tags)
    .execute();
}

export async function allTags(db: DbOrTrx): Promise<TagRow[]> {
  return db.selectFrom('tags').selectAll().orderBy('path').execute();
}

export async function findTag(db: DbOrTrx, path: string): Promise<TagRow | undefined> {
  return db.selectFrom('tags').selectAll().where('path', '=', path).executeTakeFirst();
}

/**
 * Rebuilds an item's rows in feedback_tag_paths from its current tags: each tag and all its ancestors,
 * stamped with the item's creation time. Call after every change to the item's tags.
 */
export async function syncTagPaths(trx: DbOrTrx, feedbackId: string, createdAt: string): Promise<void> {
  const wanted = new Set((await tagsOfFeedback(trx, feedbackId)).flatMap(tagPathWithAncestors));
  const rows = await trx
    .selectFrom('feedback_tag_paths')
    .select('path')
    .where('feedback_id', '=', feedbackId)
    .execute();
  const present = new Set(rows.map((r) => r.path));
  const removed = [...present].filter((p) => !wanted.has(p));
  const added = [...wanted].filter((p) => !present.has(p));
  if (removed.length > 0)
    await trx
      .deleteFrom('feedback_tag_paths')
      .where('feedback_id', '=', feedbackId)
      .where('path', 'in', removed)
      .execute();
  if (added.length > 0)
    await trx
      .insertInto('feedback_tag_paths')
      .values(added.map((path) => ({ path, feedback_id: feedbackId, created_at: createdAt })))
      .execute();
}
