/** One uploaded import run (API) and its progress; CLI runs write no row. */
export interface ImportTable {
  id: string;
  /** queued → running → done | failed */
  status: string;
  format: string;
  filename: string | null;
  /** Generated file name under CLOSELOOP_DATA_DIR/imports/. */
  stored_file: string;
  size_bytes: number;
  /** JSON object header → field, or null. */
  mapping: string | null;
  dry_run: number;
  processed_rows: number;
  imported: number;
  skipped: number;
  rejected: number;
  /** JSON `{ code, params }` when the whole run failed (unreadable file, missing column …). */
  error: string | null;
  created_by_type: string;
  created_by_id: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** One rejected row of an import (first problem found in it); the reason text comes from the code. */
export interface ImportRejectionTable {
  import_id: string;
  row: number;
  field: string;
  code: string;
}
