import { type RawBuilder, sql } from 'kysely';
import type { DbOrTrx } from '../database.js';

/*
 * On SQLite the FTS5 rowid of an item's document (= feedback.search_rowid) follows the list order
 * (created_at, id): rowid = second of created_at × 2^20 + a slot, slots within a second in
 * (created_at, id) order. FTS5 hands matches out in rowid order, so the newest matches of a search are
 * read straight off the index and the scan stops after one page, however frequent the term.
 * Rowids stay below 2^53 (until the year 2242), so they are exact as JavaScript numbers.
 */

const SLOTS_PER_SECOND = 2 ** 20;
/** Where the first item of a second goes; earlier items of that second may still arrive later. */
const FIRST_SLOT = 4096;
/** Distance between consecutive items when one arrives after the last of its second (the usual case). */
const SLOT_STEP = 64;

/** The first rowid of the second `createdAt` falls in. */
export function secondStart(createdAt: string): number {
  return Math.floor(Date.parse(createdAt) / 1000) * SLOTS_PER_SECOND;
}

/** The last rowid of that second. */
export function secondEnd(createdAt: string): number {
  return secondStart(createdAt) + SLOTS_PER_SECOND - 1;
}

/** better-sqlite3 binds JavaScript numbers as REAL; a rowid must be bound as an INTEGER. */
export function rowidParam(rowid: number): bigint {
  return BigInt(rowid);
}

async function one(db: DbOrTrx, query: RawBuilder<{ r: number | null }>): Promise<number | null> {
  const found = await query.execute(db);
  const value = found.rows[0]?.r;
  return value === null || value === undefined ? null : Number(value);
}

/**
 * A free rowid that puts the item at its place in list order among the items already indexed. Call
 * inside the writing transaction (SQLite's single writer keeps the choice free until commit).
 */
export async function allocateSearchRowid(
  db: DbOrTrx,
  item: { id: string; createdAt: string },
): Promise<number> {
  const start = secondStart(item.createdAt);
  const end = start + SLOTS_PER_SECOND - 1;
  const before = await one(
    db,
    sql<{ r: number | null }>`select search_rowid as r from feedback
      where search_rowid between ${rowidParam(start)} and ${rowidParam(end)} and (created_at, id) < (${item.createdAt}, ${item.id})
      order by search_rowid desc limit 1`,
  );
  const after = await one(
    db,
    sql<{ r: number | null }>`select min(search_rowid) as r from feedback
      where search_rowid > ${rowidParam(before ?? start - 1)} and search_rowid <= ${rowidParam(end)}`,
  );
  if (before === null && after === null) return start + FIRST_SLOT;
  if (after === null) {
    const next = (before as number) + SLOT_STEP;
    if (next <= end) return next;
  } else {
    const low = before ?? start;
    if (before === null && after - SLOT_STEP > start) return after - SLOT_STEP;
    const middle = Math.floor((low + after) / 2);
    if (middle > low && middle < after) return middle;
  }
  // No room left between the neighbours: spread the second's items out again, then place this one.
  await respaceSecond(db, start);
  return allocateSearchRowid(db, item);
}

/** Gives the items of one second evenly spaced rowids, in list order (rare: only when a gap ran out). */
async function respaceSecond(db: DbOrTrx, start: number): Promise<void> {
  const end = start + SLOTS_PER_SECOND - 1;
  const rows = await sql<{ id: string; search_rowid: number }>`select id, search_rowid from feedback
    where search_rowid between ${rowidParam(start)} and ${rowidParam(end)} order by search_rowid`.execute(db);
  const gap = Math.floor(SLOTS_PER_SECOND / (rows.rows.length + 2));
  // Two passes through negative rowids, so no new rowid collides with an old one on the way.
  for (const row of rows.rows)
    await moveRowid(db, row.id, Number(row.search_rowid), -Number(row.search_rowid));
  for (const [k, row] of rows.rows.entries())
    await moveRowid(db, row.id, -Number(row.search_rowid), start + gap * (k + 1));
}

async function moveRowid(db: DbOrTrx, feedbackId: string, from: number, to: number): Promise<void> {
  await sql`update feedback_fts set rowid = ${rowidParam(to)} where rowid = ${rowidParam(from)}`.execute(db);
  await sql`update feedback set search_rowid = ${rowidParam(to)} where id = ${feedbackId}`.execute(db);
}

/**
 * Renumbers every indexed item into list order (for data indexed before rowids followed it, and for
 * bulk loads). Rebuilds the FTS5 table in one pass rather than moving documents one by one.
 */
export async function renumberSearchRowids(db: DbOrTrx): Promise<void> {
  await sql`drop table if exists temp.search_rowid_plan`.execute(db);
  await sql`create temp table search_rowid_plan as
    select id, search_rowid as old_rowid, second, k, n from (
      select id, search_rowid, created_at,
        cast(strftime('%s', created_at) as integer) as second,
        row_number() over (partition by cast(strftime('%s', created_at) as integer) order by created_at, id) as k,
        count(*) over (partition by cast(strftime('%s', created_at) as integer)) as n
      from feedback where search_rowid is not null)`.execute(db);
  // Consecutive items of a second SLOT_STEP apart from FIRST_SLOT on; a crowded second spread evenly.
  await sql`alter table temp.search_rowid_plan add column new_rowid integer`.execute(db);
  const slots = sql.lit(SLOTS_PER_SECOND);
  const first = sql.lit(FIRST_SLOT);
  const step = sql.lit(SLOT_STEP);
  await sql`update temp.search_rowid_plan set new_rowid = second * ${slots} + case
      when ${first} + n * ${step} < ${slots} then ${first} + (k - 1) * ${step}
      else k * (${slots} / (n + 2)) end`.execute(db);
  await sql`create virtual table feedback_fts_renumbered using fts5(
      feedback_id unindexed, content, tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db);
  await sql`insert into feedback_fts_renumbered (rowid, feedback_id, content)
    select p.new_rowid, f.feedback_id, f.content
    from temp.search_rowid_plan as p join feedback_fts as f on f.rowid = p.old_rowid`.execute(db);
  await sql`drop table feedback_fts`.execute(db);
  await sql`alter table feedback_fts_renumbered rename to feedback_fts`.execute(db);
  await sql`update feedback set search_rowid = -search_rowid where search_rowid is not null`.execute(db);
  await sql`update feedback set search_rowid = p.new_rowid
    from temp.search_rowid_plan as p where p.id = feedback.id`.execute(db);
  await sql`drop table temp.search_rowid_plan`.execute(db);
}
