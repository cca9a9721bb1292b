/** One answer to a one-question survey (NPS 0–10 or CSAT 1–5), e.g. from the widget's pop-up. */
export interface SurveyResponseTable {
  id: string;
  kind: string;
  score: number;
  comment: string | null;
  /** The host page's business event that triggered the prompt. */
  event: string | null;
  channel: string;
  language: string | null;
  page_url: string | null;
  /** The embedding page's origin (the request's Origin header). */
  origin: string | null;
  /** JSON: product, branch. */
  context: string | null;
  remote_ip: string | null;
  created_at: string;
}
