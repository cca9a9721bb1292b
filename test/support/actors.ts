import {
  createApiKey,
  createDepartment,
  createUser,
  findDepartmentByCode,
} from '../../server/modules/identity/index.js';
import type { Role } from '../../shared/enums.js';
import { call, type TestApp } from './test-app.js';

const DEPARTMENT_NAMES: Record<string, { zh: string; en: string; areas: string[] }> = {
  after_sales: { zh: '售后', en: 'After-sales', areas: ['after_sales'] },
  pre_sales: { zh: '售前', en: 'Pre-sales', areas: ['pre_sales'] },
  tech_support: { zh: '技术支持', en: 'Technical support', areas: ['tech_support'] },
  quality: { zh: '质量管理', en: 'Quality', areas: [] },
};

let counter = 0;

async function ensureDepartment(t: TestApp, code: string): Promise<string> {
  const db = t.ctx.database.db;
  const existing = await findDepartmentByCode(db, code);
  if (existing) return existing.id;
  const names = DEPARTMENT_NAMES[code] ?? { zh: `部门 ${code}`, en: `Department ${code}`, areas: [] };
  const created = await createDepartment(
    db,
    { code, nameZh: names.zh, nameEn: names.en, businessAreas: names.areas },
    t.ctx.clock().toISOString(),
  );
  return created.id;
}

/**
 * Headers that act as a fresh user (logged in through the real login endpoint, with its CSRF token) or
 * a fresh API key, of the given role and, optionally, department.
 */
export async function actorHeaders(
  t: TestApp,
  opts: { role: Role; departmentCode?: string; via?: 'session' | 'api_key' },
): Promise<{ headers: Record<string, string>; userId: string | null; departmentId: string | null }> {
  const departmentId = opts.departmentCode ? await ensureDepartment(t, opts.departmentCode) : null;
  const at = t.ctx.clock().toISOString();
  const n = ++counter;
  if (opts.via === 'api_key') {
    const { key } = await createApiKey(
      t.ctx.database.db,
      { name: `test key ${n}`, role: opts.role, departmentId },
      at,
    );
    return { headers: { authorization: `Bearer ${key}` }, userId: null, departmentId };
  }
  const email = `${opts.role}.${n}.${Math.random().toString(36).slice(2, 8)}@test.closeloop.local`;
  const password = 'correct horse battery staple';
  const user = await createUser(
    t.ctx.database.db,
    { email, name: `${opts.role} ${n}`, password, role: opts.role, departmentId },
    at,
  );
  const login = await call<{ data: { csrfToken: string } }>(t.app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  if (login.status !== 200)
    throw new Error(`test login failed: ${login.status} ${JSON.stringify(login.body)}`);
  const cookie = login.response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return {
    headers: { cookie, 'x-csrf-token': login.body.data.csrfToken },
    userId: user.id,
    departmentId,
  };
}
