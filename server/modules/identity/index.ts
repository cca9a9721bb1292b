import type { DbOrTrx } from '../../platform/db/database.js';
import type { Module } from '../module.js';
import { deleteExpiredSessions } from './identity.repository.js';
import { identityRoutes } from './identity.routes.js';

export { authenticate } from './authenticate.js';
export { createApiKey } from './commands/create-api-key.js';
export { createDepartment, type DepartmentSummary } from './commands/create-department.js';
export { type CreatedUser, type CreateUserInput, createUser } from './commands/create-user.js';
export { assertBusinessAreasUsable, ensureBusinessArea } from './commands/manage-business-areas.js';
export { type AuditEntryInput, recordAudit } from './commands/record-audit.js';
export {
  authorize,
  canListUsers,
  canManageApiKeys,
  canManageDepartments,
  canManageUsers,
  canReadAuditLog,
  isStaffRole,
} from './identity.policy.js';
export {
  type DepartmentRef,
  findDepartmentByCode,
  getDepartmentById,
  getDepartmentSummaries,
  getUserById,
  getUserSummaries,
  type UserSummary,
} from './queries/summaries.js';
export { findActiveAgentIds, findActiveUserIds, findSupervisorIds } from './queries/supervisors.js';
export { SESSION_COOKIE } from './session-cookie.js';

/** Deletes sessions past their expiry (for a periodic maintenance job). */
export async function purgeExpiredSessions(db: DbOrTrx, now: string): Promise<void> {
  await deleteExpiredSessions(db, now);
}

/** Users, roles, departments, sessions, API keys and the audit log. */
export const identityModule: Module = {
  name: 'identity',
  routes: identityRoutes,
  registerJobs(ctx) {
    ctx.subscribers.register('identity.purge-sessions', () =>
      purgeExpiredSessions(ctx.database.db, ctx.clock().toISOString()),
    );
  },
  schedule: [{ jobName: 'identity.purge-sessions', everyMs: 3_600_000 }],
};
