/** One row per (scope, Idempotency-Key): the request's hash and the response that was acknowledged. */
export interface IdempotencyKeyTable {
  /** Who and where: the actor's identity and the route, so keys of different callers never collide. */
  scope: string;
  key: string;
  /** sha256 of the canonical request body. */
  request_hash: string;
  status_code: number | null;
  /** The response body as JSON text. */
  response: string | null;
  resource_id: string | null;
  created_at: string;
}
