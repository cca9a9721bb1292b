import { z } from 'zod';
import { LOCALES, ROLES } from '../enums.js';

export const ZRole = z.enum(ROLES);
export const ZLocale = z.enum(LOCALES);

const ZEmail = z.string().trim().toLowerCase().pipe(z.email().max(254));
const ZPassword = z.string().min(8).max(256);
const ZName = z.string().trim().min(1).max(120);
const ZDepartmentCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/);
const ZTimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown time zone');

export const ZIdParams = z.object({ id: z.string().min(1).max(64) });

// ---- auth
export const ZLogin = z.object({ email: ZEmail, password: z.string().min(1).max(256) }).strict();
export type Login = z.infer<typeof ZLogin>;

export const ZUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: ZRole,
  departmentId: z.string().nullable(),
  locale: ZLocale,
  timeZone: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof ZUser>;

export const ZSessionInfo = z.object({ data: z.object({ user: ZUser, csrfToken: z.string() }) });

// ---- users
export const ZCreateUser = z
  .object({
    email: ZEmail,
    name: ZName,
    password: ZPassword,
    role: ZRole,
    departmentId: z.string().nullable().optional(),
    locale: ZLocale.optional(),
    timeZone: ZTimeZone.optional(),
  })
  .strict();
export type CreateUser = z.infer<typeof ZCreateUser>;

export const ZUpdateUser = z
  .object({
    name: ZName.optional(),
    role: ZRole.optional(),
    departmentId: z.string().nullable().optional(),
    locale: ZLocale.optional(),
    timeZone: ZTimeZone.optional(),
    active: z.boolean().optional(),
    password: ZPassword.optional(),
  })
  .strict();
export type UpdateUser = z.infer<typeof ZUpdateUser>;

export const ZListUsersQuery = z
  .object({
    departmentId: z.string().optional(),
    role: ZRole.optional(),
    active: z.enum(['true', 'false']).optional(),
    q: z.string().max(120).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type ListUsersQuery = z.infer<typeof ZListUsersQuery>;

// ---- departments
export const ZDepartment = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  businessAreas: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Department = z.infer<typeof ZDepartment>;

const ZBusinessAreas = z.array(z.string().trim().min(1).max(64)).max(50);

export const ZCreateDepartment = z
  .object({
    code: ZDepartmentCode,
    nameZh: ZName,
    nameEn: ZName,
    businessAreas: ZBusinessAreas.optional(),
  })
  .strict();
export type CreateDepartment = z.infer<typeof ZCreateDepartment>;

export const ZUpdateDepartment = z
  .object({
    code: ZDepartmentCode.optional(),
    nameZh: ZName.optional(),
    nameEn: ZName.optional(),
    businessAreas: ZBusinessAreas.optional(),
  })
  .strict();
export type UpdateDepartment = z.infer<typeof ZUpdateDepartment>;

// ---- api keys
export const ZApiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: ZRole,
  departmentId: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof ZApiKey>;

export const ZCreateApiKey = z
  .object({ name: ZName, role: ZRole, departmentId: z.string().nullable().optional() })
  .strict();
export type CreateApiKey = z.infer<typeof ZCreateApiKey>;

export const ZCreatedApiKey = ZApiKey.extend({
  /** The secret, shown exactly once. */
  key: z.string(),
});

// ---- audit log
export const ZAuditEntry = z.object({
  id: z.string(),
  actorType: z.enum(['user', 'api_key', 'system', 'customer']),
  actorId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  details: z.unknown(),
  ip: z.string().nullable(),
  createdAt: z.string(),
});
export type AuditEntry = z.infer<typeof ZAuditEntry>;

export const ZListAuditQuery = z
  .object({
    entityType: z.string().max(64).optional(),
    entityId: z.string().max(64).optional(),
    actorId: z.string().max(64).optional(),
    action: z.string().max(64).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type ListAuditQuery = z.infer<typeof ZListAuditQuery>;

export const dataOf = <T extends z.ZodType>(schema: T) => z.object({ data: schema });
export const listOf = <T extends z.ZodType>(schema: T) =>
  z.object({ data: z.array(schema), nextCursor: z.string().nullable() });
