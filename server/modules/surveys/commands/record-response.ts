import { type PublicSurveyResponse, SURVEY_SCALES } from '../../../../shared/contracts/surveys.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import { insertResponse } from '../surveys.repository.js';

/** Stores one answer (durable before the caller acknowledges it); the score must fit its scale. */
export async function recordSurveyResponse(
  database: DatabaseHandle,
  options: {
    body: PublicSurveyResponse;
    channel: string;
    origin: string | null;
    ip: string | null;
    at: string;
  },
): Promise<{ id: string }> {
  const { body } = options;
  const scale = SURVEY_SCALES[body.kind];
  if (body.score < scale.min || body.score > scale.max)
    throw new AppError('survey_score_out_of_range', {
      params: { min: scale.min, max: scale.max },
      details: [{ path: 'score', code: 'out_of_range' }],
    });
  const context: Record<string, string> = {};
  if (body.product) context.product = body.product;
  if (body.branch) context.branch = body.branch;
  const id = newId();
  await database.write((trx) =>
    insertResponse(trx, {
      id,
      kind: body.kind,
      score: body.score,
      comment: body.comment || null,
      event: body.event ?? null,
      channel: options.channel,
      language: body.language ?? null,
      page_url: body.pageUrl ?? null,
      origin: options.origin,
      context: Object.keys(context).length > 0 ? JSON.stringify(context) : null,
      remote_ip: options.ip,
      created_at: options.at,
    }),
  );
  return { id };
}
