import type { CannedResponse } from '../../../shared/contracts/canned.js';
import type { Locale } from '../../../shared/enums.js';
import { type CannedRow, parseActions } from './canned.repository.js';
import { variablesOf } from './template.js';

export function presentCanned(row: CannedRow, locale: Locale): CannedResponse {
  const variables = [...new Set([...variablesOf(row.body_zh), ...variablesOf(row.body_en)])];
  return {
    id: row.id,
    title: locale === 'en' ? row.title_en : row.title_zh,
    titleZh: row.title_zh,
    titleEn: row.title_en,
    bodyZh: row.body_zh,
    bodyEn: row.body_en,
    departmentId: row.department_id,
    variables,
    actions: parseActions(row.actions),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
