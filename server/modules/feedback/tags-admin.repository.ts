import type { DbOrTrx } from '../../platform/db/database.js';

/** Items filed under exactly this tag (children are counted by their own paths). */
export async function countItemsWithTag(db: DbOrTrx, path: string): Promise<number> {
  const row = await db
    .selectFrom('feedback_tags')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('tag', '=', path)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function hasChildTags(db: DbOrTrx, path: string): Promise<boolean> {
  const row = await db
    .selectFrom('tags')
    .select('path')
    .where('parent_path', '=', path)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateTagLabels(
  db: DbOrTrx,
  path: string,
  values: { name?: string; label_en?: string | null },
): Promise<void> {
  await db.updateTable('tags').set(values).where('path', '=', path).execute();
}

export async function deleteTagRow(db: DbOrTrx, path: string): Promise<void> {
  await db.deleteFrom('tags').where('path', '=', path).execute();
}
