import type { z } from 'zod';
import type { ZSurveySummary } from '../../../../shared/contracts/surveys.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { customerSatisfaction, netPromoterScore } from '../score.js';
import { countByScore, type ResponseFilter } from '../surveys.repository.js';

export async function summarizeResponses(
  db: DbOrTrx,
  filter: Omit<ResponseFilter, 'kind'>,
): Promise<z.infer<typeof ZSurveySummary>> {
  const [nps, csat] = await Promise.all([countByScore(db, 'nps', filter), countByScore(db, 'csat', filter)]);
  return { nps: netPromoterScore(nps), csat: customerSatisfaction(csat) };
}
