/** A canned response: a reply text in both languages with `{{variables}}`, for everyone or one department. */
export interface CannedResponseTable {
  id: string;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  /** Null: offered to every department. */
  department_id: string | null;
  /** Macro actions as JSON ({ status?, addTags?, priority? }); null: a plain canned response. */
  actions: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
