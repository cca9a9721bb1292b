import type { Routing } from '../../../shared/contracts/triage.js';
import type { TriageDecision, TriageSubject } from './decide.js';

export interface DepartmentArea {
  id: string;
  code: string;
  areas: string[];
}

export interface Candidate {
  userId: string;
  /** Open items (received, in progress, reopened) assigned to the agent now. */
  open: number;
}

/** The department an item goes to and why; auto-assignment is decided afterwards by pickAgent. */
export interface DepartmentChoice {
  departmentId: string | null;
  outcome: 'routed' | 'kept' | 'no_business_area' | 'no_department';
  detail: string;
  /** Whether triage chose the department (and may then pick an agent). */
  chosen: boolean;
}

/**
 * Department by precedence: one people decided (kept) → one a rule named (when it exists) → the first
 * department (by code) whose business areas include the item's area → none (the triage queue).
 */
export function chooseDepartment(
  decision: TriageDecision,
  subject: TriageSubject,
  departments: DepartmentArea[],
): DepartmentChoice {
  if (subject.locked.has('departmentId') && subject.current.departmentId)
    return {
      departmentId: subject.current.departmentId,
      outcome: 'kept',
      detail: 'department set by staff',
      chosen: false,
    };
  if (decision.ruleDepartment && departments.some((d) => d.id === decision.ruleDepartment!.id))
    return {
      departmentId: decision.ruleDepartment.id,
      outcome: 'routed',
      detail: decision.ruleDepartment.reason,
      chosen: true,
    };
  const area = decision.businessArea;
  if (!area)
    return { departmentId: null, outcome: 'no_business_area', detail: 'no business area', chosen: false };
  const match = [...departments]
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .find((d) => d.areas.includes(area));
  if (!match)
    return {
      departmentId: null,
      outcome: 'no_department',
      detail: `no department handles business area ${area}`,
      chosen: false,
    };
  return {
    departmentId: match.id,
    outcome: 'routed',
    detail: `business area ${area} → department ${match.code}`,
    chosen: true,
  };
}

/** The least-loaded candidate (fewest open items; ties by id, so the pick is deterministic). */
export function pickAgent(candidates: Candidate[]): Candidate | null {
  let best: Candidate | null = null;
  for (const c of candidates)
    if (!best || c.open < best.open || (c.open === best.open && c.userId < best.userId)) best = c;
  return best;
}

/** The full routing result from a department choice and, when auto-assignment ran, its candidates. */
export function routingResult(
  choice: DepartmentChoice,
  assignment: { autoAssign: boolean; skill: string | null; candidates: Candidate[] | null },
): Routing {
  const base: Routing = {
    outcome: choice.outcome,
    departmentId: choice.departmentId,
    assigneeId: null,
    autoAssign: assignment.autoAssign,
    skill: assignment.skill,
    load: null,
    detail: choice.detail,
  };
  if (!assignment.candidates) return base;
  const agent = pickAgent(assignment.candidates);
  if (!agent)
    return {
      ...base,
      outcome: 'no_agent',
      detail: `${choice.detail}; no active agent${assignment.skill ? ` with skill ${assignment.skill}` : ''}`,
    };
  return {
    ...base,
    outcome: 'assigned',
    assigneeId: agent.userId,
    load: agent.open,
    detail: `${choice.detail}; least-loaded agent (${agent.open} open)`,
  };
}
