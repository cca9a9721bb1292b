/** The embeddable widget's settings (one row, id `default`). */
export interface WidgetSettingsTable {
  id: string;
  /** JSON array of origins whose pages may embed the widget. */
  allowed_origins: string;
  primary_color: string;
  /** `auto` (the visitor's browser), `zh-CN` or `en`. */
  language: string;
  position: string;
  updated_at: string;
}
