import type { Role } from '../../../shared/enums.js';
import { type Actor, requireActor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/http/errors.js';

export type FeedbackAction =
  | 'view'
  | 'reply'
  | 'note'
  | 'transition'
  | 'assign'
  | 'tag'
  | 'update'
  | 'share'
  | 'merge';

/** What authorization needs to know about an item. */
export interface FeedbackAccessTarget {
  department_id: string | null;
  assignee_id: string | null;
  sharedWith: readonly string[];
  /** Departments of `sharedWith` that may only look (a sub-task's department sees the parent read-only). */
  readOnlyFor?: readonly string[];
}

const ALL_ACTIONS: readonly FeedbackAction[] = [
  'view',
  'reply',
  'note',
  'transition',
  'assign',
  'tag',
  'update',
  'share',
  'merge',
];

/** What each role may do on an item it can see. */
const ROLE_ACTIONS: Record<Role, readonly FeedbackAction[]> = {
  admin: ALL_ACTIONS,
  supervisor: ALL_ACTIONS,
  agent: ALL_ACTIONS,
  analyst: ['view'],
  department_member: ['view', 'note', 'transition'],
};

const SEES_EVERYTHING: readonly Role[] = ['admin', 'supervisor', 'analyst'];
const MAY_CREATE: readonly Role[] = ['admin', 'supervisor', 'agent'];

/**
 * Which items an actor sees. Admins, supervisors and analysts see all; everyone else sees items of
 * their department, items shared with it, and items assigned to them. Items without a department
 * (the triage queue) are seen only by the first group.
 */
export type VisibilityScope =
  | { kind: 'all' }
  | { kind: 'scoped'; departmentId: string | null; userId: string | null };

export function visibilityScope(actor: Actor): VisibilityScope {
  if (SEES_EVERYTHING.includes(actor.role)) return { kind: 'all' };
  return {
    kind: 'scoped',
    departmentId: actor.departmentId,
    userId: actor.type === 'user' ? actor.id : null,
  };
}

export function canView(actor: Actor, item: FeedbackAccessTarget): boolean {
  const scope = visibilityScope(actor);
  if (scope.kind === 'all') return true;
  if (scope.userId !== null && item.assignee_id === scope.userId) return true;
  if (scope.departmentId === null) return false;
  return item.department_id === scope.departmentId || item.sharedWith.includes(scope.departmentId);
}

/**
 * Whether the actor sees the item only through a read-only share: not an all-seeing role, not its
 * assignee, not of its department.
 */
function onlyReads(actor: Actor, item: FeedbackAccessTarget): boolean {
  const scope = visibilityScope(actor);
  if (scope.kind === 'all' || scope.departmentId === null) return false;
  if (scope.userId !== null && item.assignee_id === scope.userId) return false;
  if (item.department_id === scope.departmentId) return false;
  return (item.readOnlyFor ?? []).includes(scope.departmentId);
}

function allowed(actor: Actor, action: FeedbackAction, item: FeedbackAccessTarget): boolean {
  if (!ROLE_ACTIONS[actor.role].includes(action)) return false;
  return action === 'view' || !onlyReads(actor, item);
}

export function can(actor: Actor, action: FeedbackAction, item: FeedbackAccessTarget): boolean {
  return canView(actor, item) && allowed(actor, action, item);
}

/**
 * Throws 404 feedback_not_found when the actor may not see the item (its existence is not revealed),
 * 403 forbidden when they see it but may not do this.
 */
export function authorizeFeedback(
  actor: Actor | null,
  action: FeedbackAction,
  item: FeedbackAccessTarget,
): Actor {
  const a = requireActor(actor);
  if (!canView(a, item)) throw new AppError('feedback_not_found');
  if (!allowed(a, action, item)) throw new AppError('forbidden');
  return a;
}

/** Creating items: admins, supervisors and agents (users or API keys with those roles). */
export function authorizeCreateFeedback(actor: Actor | null): Actor {
  const a = requireActor(actor);
  if (!MAY_CREATE.includes(a.role)) throw new AppError('forbidden');
  return a;
}

/** Reading feedback at all (lists, tags): every authenticated role. */
export function authorizeReadFeedback(actor: Actor | null): Actor {
  return requireActor(actor);
}

/** Defining tags outside of tagging an item: admins and supervisors. */
export function authorizeManageTags(actor: Actor | null): Actor {
  const a = requireActor(actor);
  if (a.role !== 'admin' && a.role !== 'supervisor') throw new AppError('forbidden');
  return a;
}

/** Uploading files to attach to an item or a message: every role that may write a message (not analysts). */
export function authorizeUpload(actor: Actor | null): Actor {
  const a = requireActor(actor);
  if (!ROLE_ACTIONS[a.role].includes('note')) throw new AppError('forbidden');
  return a;
}
