/** An admin-editable triage rule: JSON conditions → JSON actions (see rules.ts for their shape). */
export interface TriageRuleTable {
  id: string;
  position: number;
  name: string;
  description: string | null;
  enabled: number;
  conditions: string;
  actions: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A skill of a user (business area code, language …) used by auto-assignment. */
export interface UserSkillTable {
  user_id: string;
  skill: string;
  created_at: string;
}

/** Triage settings per scope: 'global' or a department id (the department's value wins). */
export interface TriageSettingTable {
  scope: string;
  auto_assign: number;
  updated_at: string;
}

/** An agent's override of an automatic label, kept as training input. */
export interface NlpCorrectionTable {
  id: string;
  task: string;
  feedback_id: string | null;
  /** Outbox event the correction came from (redelivery writes it once). */
  source_event_id: string | null;
  text: string;
  old_label: string | null;
  new_label: string;
  actor_type: string;
  actor_id: string | null;
  created_at: string;
}
