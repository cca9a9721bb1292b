export interface OutboxTable {
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: string;
  created_at: string;
  dispatched_at: string | null;
}
