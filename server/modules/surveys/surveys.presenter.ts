import type { z } from 'zod';
import type { SURVEY_KINDS, ZSurveyResponse } from '../../../shared/contracts/surveys.js';
import type { SurveyResponseRow } from './surveys.repository.js';

function contextField(context: string | null, key: 'product' | 'branch'): string | null {
  if (!context) return null;
  const value = (JSON.parse(context) as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
}

export function presentResponse(row: SurveyResponseRow): z.infer<typeof ZSurveyResponse> {
  return {
    id: row.id,
    kind: row.kind as (typeof SURVEY_KINDS)[number],
    score: Number(row.score),
    comment: row.comment,
    event: row.event,
    channel: row.channel,
    language: row.language,
    pageUrl: row.page_url,
    origin: row.origin,
    product: contextField(row.context, 'product'),
    branch: contextField(row.context, 'branch'),
    createdAt: row.created_at,
  };
}
