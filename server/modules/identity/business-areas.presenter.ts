import type { BusinessArea } from '../../../shared/contracts/catalog.js';
import type { BusinessAreaRow } from './business-areas.repository.js';
import { parseBusinessAreas } from './identity.presenter.js';
import type { DepartmentRow } from './identity.repository.js';

/** Areas in catalogue order, each with the departments whose queue receives it. */
export function presentBusinessAreas(rows: BusinessAreaRow[], departments: DepartmentRow[]): BusinessArea[] {
  return rows.map((row) => ({
    code: row.code,
    labelZh: row.label_zh,
    labelEn: row.label_en,
    active: Number(row.active) === 1,
    sortOrder: Number(row.sort_order),
    departments: departments
      .filter((d) => parseBusinessAreas(d.business_areas).includes(row.code))
      .map((d) => ({ id: d.id, code: d.code, nameZh: d.name_zh, nameEn: d.name_en })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}
