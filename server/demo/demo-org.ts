import type { Role } from '../../shared/enums.js';
import {
  createDepartment,
  createUser,
  ensureBusinessArea,
  findDepartmentByCode,
} from '../modules/identity/index.js';
import type { Actor } from '../platform/auth/actor.js';
import type { DbOrTrx } from '../platform/db/database.js';
import { isAppError } from '../platform/http/errors.js';

/** Every demo account logs in with this password (printed by `closeloop seed-demo`). */
export const DEMO_PASSWORD = 'demo1234!';
export const DEMO_EMAIL_DOMAIN = 'demo.closeloop.example';

export const DEMO_DEPARTMENTS = [
  { code: 'pre_sales', nameZh: '售前', nameEn: 'Pre-sales', businessAreas: ['pre_sales'] },
  { code: 'after_sales', nameZh: '售后', nameEn: 'After-sales', businessAreas: ['after_sales'] },
  { code: 'tech_support', nameZh: '技术支持', nameEn: 'Tech support', businessAreas: ['tech_support'] },
  // Serious complaints are escalated here from every business area.
  { code: 'complaints', nameZh: '投诉管理', nameEn: 'Complaints', businessAreas: ['complaints'] },
] as const;

export type DemoDepartmentCode = (typeof DEMO_DEPARTMENTS)[number]['code'];

interface AccountSpec {
  local: string;
  name: string;
  role: Role;
  department: DemoDepartmentCode | null;
  locale: 'zh-CN' | 'en';
}

/** The demo accounts: a supervisor and two agents per department, plus one analyst. */
export const DEMO_ACCOUNTS: readonly AccountSpec[] = [
  { local: 'analyst', name: '数据分析 Alex Chen', role: 'analyst', department: null, locale: 'en' },
  { local: 'presales.lead', name: '周晓梅', role: 'supervisor', department: 'pre_sales', locale: 'zh-CN' },
  { local: 'presales.agent1', name: '林浩然', role: 'agent', department: 'pre_sales', locale: 'zh-CN' },
  { local: 'presales.agent2', name: 'Grace Parker', role: 'agent', department: 'pre_sales', locale: 'en' },
  {
    local: 'aftersales.lead',
    name: '王建国',
    role: 'supervisor',
    department: 'after_sales',
    locale: 'zh-CN',
  },
  { local: 'aftersales.agent1', name: '李欣怡', role: 'agent', department: 'after_sales', locale: 'zh-CN' },
  { local: 'aftersales.agent2', name: '陈子轩', role: 'agent', department: 'after_sales', locale: 'zh-CN' },
  {
    local: 'support.lead',
    name: 'Daniel Turner',
    role: 'supervisor',
    department: 'tech_support',
    locale: 'en',
  },
  { local: 'support.agent1', name: '赵思远', role: 'agent', department: 'tech_support', locale: 'zh-CN' },
  { local: 'support.agent2', name: 'Hannah Scott', role: 'agent', department: 'tech_support', locale: 'en' },
  { local: 'complaints.lead', name: '孙丽', role: 'supervisor', department: 'complaints', locale: 'zh-CN' },
  { local: 'complaints.agent1', name: '郭雨涵', role: 'agent', department: 'complaints', locale: 'zh-CN' },
  {
    local: 'complaints.agent2',
    name: 'Owen Mitchell',
    role: 'agent',
    department: 'complaints',
    locale: 'en',
  },
];

export function demoEmail(local: string): string {
  return `${local}@${DEMO_EMAIL_DOMAIN}`;
}

export interface DemoOrg {
  departments: Map<DemoDepartmentCode, string>;
  /** Agents and supervisors as actors, by department code. */
  staff: Map<DemoDepartmentCode, { agents: Actor[]; supervisor: Actor }>;
  createdDepartments: number;
  users: number;
}

/** Thrown when the demo accounts already exist: seeding twice would duplicate the demo items. */
export class DemoDataExistsError extends Error {
  constructor(email: string) {
    super(
      `Demo data is already present (${email} exists); seed-demo runs once per database. · ` +
        `演示数据已存在（${email} 已存在），每个数据库只能导入一次。`,
    );
    this.name = 'DemoDataExistsError';
  }
}

/** Creates (or reuses, by code) the four departments and creates the demo accounts. */
export async function createDemoOrg(db: DbOrTrx, at: string): Promise<DemoOrg> {
  const departments = new Map<DemoDepartmentCode, string>();
  let createdDepartments = 0;
  // The complaints desk routes its own business area; the three defaults are in the catalogue already.
  await ensureBusinessArea(db, { code: 'complaints', labelZh: '投诉管理', labelEn: 'Complaints' }, at);
  for (const d of DEMO_DEPARTMENTS) {
    const existing = await findDepartmentByCode(db, d.code);
    if (existing) departments.set(d.code, existing.id);
    else {
      const created = await createDepartment(db, { ...d, businessAreas: [...d.businessAreas] }, at);
      departments.set(d.code, created.id);
      createdDepartments++;
    }
  }
  const staff = new Map<DemoDepartmentCode, { agents: Actor[]; supervisor: Actor }>();
  for (const spec of DEMO_ACCOUNTS) {
    const departmentId = spec.department ? (departments.get(spec.department) ?? null) : null;
    const email = demoEmail(spec.local);
    let id: string;
    try {
      const user = await createUser(
        db,
        {
          email,
          name: spec.name,
          password: DEMO_PASSWORD,
          role: spec.role,
          departmentId,
          locale: spec.locale,
        },
        at,
      );
      id = user.id;
    } catch (error) {
      if (isAppError(error) && error.code === 'email_taken') throw new DemoDataExistsError(email);
      throw error;
    }
    if (!spec.department) continue;
    const actor: Actor = { type: 'user', id, role: spec.role, departmentId, name: spec.name };
    const entry = staff.get(spec.department) ?? { agents: [], supervisor: actor };
    if (spec.role === 'supervisor') entry.supervisor = actor;
    else entry.agents.push(actor);
    staff.set(spec.department, entry);
  }
  return { departments, staff, createdDepartments, users: DEMO_ACCOUNTS.length };
}
