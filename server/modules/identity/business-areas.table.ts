/** The business-area catalogue: codes items, departments and triage rules refer to. */
export interface BusinessAreaTable {
  /** Stable slug, e.g. "after_sales"; never changes once created. */
  code: string;
  label_zh: string;
  label_en: string;
  /** 1 = may be chosen for items, departments and rules; 0 = kept only for what already uses it. */
  active: number;
  sort_order: number;
  created_at: string;
  updated_at: string;
}
