/** Secrets the server generates for itself on first use (row `default`: the key every signed token derives from). */
export interface ServerSecretTable {
  id: string;
  secret: string;
  created_at: string;
}
