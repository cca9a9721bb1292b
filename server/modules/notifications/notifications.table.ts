/** In-app notices for one user (SLA escalations, …), with a title in both languages. */
export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  feedback_id: string | null;
  title_zh: string;
  title_en: string;
  /** JSON details for the UI. */
  data: string | null;
  created_at: string;
  read_at: string | null;
}
