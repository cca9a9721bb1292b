import type { Role } from '../../../shared/enums.js';

export interface DepartmentTable {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  /** Business area codes (售前/售后/技术支持…) whose items this department's queue receives. */
  business_areas: string;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  department_id: string | null;
  locale: string;
  time_zone: string;
  active: number;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface SessionTable {
  /** sha256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeyTable {
  id: string;
  name: string;
  /** First characters of the key, shown in lists so a key can be recognised. */
  prefix: string;
  key_hash: string;
  role: Role;
  department_id: string | null;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: string;
  actor_type: 'user' | 'api_key' | 'system' | 'customer';
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  details: string | null;
  ip: string | null;
  created_at: string;
}
