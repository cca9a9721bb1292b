import type { ApiKey, AuditEntry, Department, User } from '../../../shared/contracts/identity.js';
import type { Locale } from '../../../shared/enums.js';
import type { ApiKeyRow, AuditRow, DepartmentRow, UserRow } from './identity.repository.js';

export function parseBusinessAreas(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** A user as staff and admins see it; the password hash never leaves the module. */
export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    departmentId: row.department_id,
    locale: (row.locale === 'en' ? 'en' : 'zh-CN') satisfies Locale,
    timeZone: row.time_zone,
    active: Number(row.active) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt: row.last_login_at,
  };
}

export function presentDepartment(row: DepartmentRow): Department {
  return {
    id: row.id,
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    businessAreas: parseBusinessAreas(row.business_areas),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    departmentId: row.department_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export function presentAuditEntry(row: AuditRow): AuditEntry {
  let details: unknown = null;
  if (row.details !== null) {
    try {
      details = JSON.parse(row.details);
    } catch {
      details = row.details;
    }
  }
  return {
    id: row.id,
    actorType: row.actor_type,
    actorId: row.actor_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    details,
    ip: row.ip,
    createdAt: row.created_at,
  };
}
