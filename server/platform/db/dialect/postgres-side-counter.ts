import pg from 'pg';

/**
 * Ticket counters on Postgres, incremented on a connection of their own outside the creating
 * transaction. Incremented inside it, the counter row stayed locked until that transaction's commit
 * had been flushed, so every create of the day waited for the previous one's fsync.
 *
 * The side connection commits asynchronously (`synchronous_commit = off`): its increment is flushed
 * at the latest with the WAL of the creating transaction, which comes after it, so a number is never
 * handed out twice to items that were committed, even across a crash. A create that rolls back leaves
 * a gap in the day's numbers.
 */
export class PostgresSideCounter {
  readonly #connectionString: string;
  #client: Promise<pg.Client> | null = null;
  /** Increments run one at a time on the one connection. */
  #tail: Promise<unknown> = Promise.resolve();

  constructor(connectionString: string) {
    this.#connectionString = connectionString;
  }

  next(day: string): Promise<number> {
    const run = this.#tail.then(() => this.#increment(day));
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    if (client) await (await client.catch(() => null))?.end().catch(() => undefined);
  }

  async #increment(day: string): Promise<number> {
    const client = await this.#connect();
    try {
      const result = await client.query<{ last_value: string | number }>(
        `insert into ticket_counters (day, last_value) values ($1, 1)
         on conflict (day) do update set last_value = ticket_counters.last_value + 1
         returning last_value`,
        [day],
      );
      return Number(result.rows[0]?.last_value);
    } catch (error) {
      // A broken connection is replaced on the next call.
      await this.close();
      throw error;
    }
  }

  #connect(): Promise<pg.Client> {
    if (!this.#client) {
      const connecting = (async () => {
        const client = new pg.Client({ connectionString: this.#connectionString });
        client.on('error', () => {
          if (this.#client === connecting) this.#client = null;
        });
        await client.connect();
        await client.query('set synchronous_commit = off');
        return client;
      })();
      this.#client = connecting;
      connecting.catch(() => {
        if (this.#client === connecting) this.#client = null;
      });
    }
    return this.#client;
  }
}
