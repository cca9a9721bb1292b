export interface JobTable {
  id: string;
  name: string;
  payload: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  /** Deterministic id so the same work is never queued twice (outbox event id + handler name). */
  dedupe_key: string | null;
  created_at: string;
  updated_at: string;
}
