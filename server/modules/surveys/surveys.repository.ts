import type { Insertable, Selectable } from 'kysely';
import type { SurveyKind } from '../../../shared/contracts/surveys.js';
import type { DbOrTrx } from '../../platform/db/database.js';
import type { SurveyResponseTable } from './surveys.table.js';

export type SurveyResponseRow = Selectable<SurveyResponseTable>;

export interface ResponseFilter {
  kind?: SurveyKind;
  event?: string;
  from?: string;
  to?: string;
}

export async function insertResponse(db: DbOrTrx, row: Insertable<SurveyResponseTable>): Promise<void> {
  await db.insertInto('survey_responses').values(row).execute();
}

/** Newest first (ids are time-ordered UUIDv7), after an optional id. */
export function listResponses(
  db: DbOrTrx,
  filter: ResponseFilter & { limit: number; beforeId?: string },
): Promise<SurveyResponseRow[]> {
  let q = db.selectFrom('survey_responses').selectAll();
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.event) q = q.where('event', '=', filter.event);
  if (filter.from) q = q.where('created_at', '>=', filter.from);
  if (filter.to) q = q.where('created_at', '<', filter.to);
  if (filter.beforeId) q = q.where('id', '<', filter.beforeId);
  return q.orderBy('id', 'desc').limit(filter.limit).execute();
}

/** How many answers of a kind gave each score. */
export async function countByScore(
  db: DbOrTrx,
  kind: SurveyKind,
  filter: Omit<ResponseFilter, 'kind'>,
): Promise<{ score: number; count: number }[]> {
  let q = db
    .selectFrom('survey_responses')
    .select(['score', (eb) => eb.fn.countAll<number>().as('n')])
    .where('kind', '=', kind);
  if (filter.event) q = q.where('event', '=', filter.event);
  if (filter.from) q = q.where('created_at', '>=', filter.from);
  if (filter.to) q = q.where('created_at', '<', filter.to);
  const rows = await q.groupBy('score').orderBy('score').execute();
  return rows.map((r) => ({ score: Number(r.score), count: Number(r.n) }));
}
