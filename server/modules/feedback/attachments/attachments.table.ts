/** A file uploaded ahead of the submission or message it belongs to (two-step upload). */
export interface FeedbackUploadTable {
  /** sha256 (hex) of the upload token; the token itself is only in the upload's answer. */
  token_hash: string;
  /** Path of the stored file under the data directory (`attachments/<yyyy>/<mm>/<uuid>`). */
  storage_key: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by_type: 'user' | 'api_key' | 'customer';
  uploaded_by_id: string | null;
  remote_ip: string | null;
  created_at: string;
  expires_at: string;
  /** Set when a submission or message claimed it (the file then belongs to `attachment_id`). */
  consumed_at: string | null;
  attachment_id: string | null;
}
