/** An admin's override of a customer message (kind × channel × language); without one the code's default is sent. */
export interface MessageTemplateTable {
  kind: string;
  /** 'email' | 'sms' */
  channel: string;
  /** 'zh-CN' | 'en' */
  locale: string;
  /** Email only. */
  subject: string | null;
  body: string;
  updated_by: string | null;
  updated_at: string;
}
