import type { Db, Trx } from './database.js';

interface Unit {
  work: (trx: Trx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Most units one physical transaction takes before it commits and a new one starts. */
const MAX_UNITS_PER_COMMIT = 256;

/**
 * Group commit for SQLite, whose single writer makes every transaction pay its own fsync: units of
 * work that arrive while a transaction is open join it, each under its own savepoint, and one commit
 * makes them all durable together. A unit that throws is rolled back to its savepoint alone and
 * rejected; the others are unaffected. No unit is resolved before the commit that contains it
 * returned, so nothing is acknowledged before it is on disk; if that commit fails, every unit of the
 * batch is rejected and none of them was written.
 */
export class GroupCommitter {
  readonly #db: Db;
  readonly #queue: Unit[] = [];
  #draining = false;
  /** Commits made and units they carried, for health and benchmarks. */
  readonly stats = { commits: 0, units: 0 };

  constructor(db: Db) {
    this.#db = db;
  }

  run<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#draining) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queue.length > 0) await this.#commitBatch();
    } finally {
      this.#draining = false;
    }
  }

  async #commitBatch(): Promise<void> {
    const done: { unit: Unit; value: unknown }[] = [];
    let trx: Awaited<ReturnType<ReturnType<Db['startTransaction']>['execute']>>;
    try {
      trx = await this.#db.startTransaction().execute();
    } catch (error) {
      for (const unit of this.#queue.splice(0)) unit.reject(error);
      return;
    }
    try {
      for (let n = 0; n < MAX_UNITS_PER_COMMIT && this.#queue.length > 0; n++) {
        const unit = this.#queue.shift() as Unit;
        const savepoint = await trx.savepoint('unit').execute();
        try {
          const value = await unit.work(savepoint);
          await savepoint.releaseSavepoint('unit').execute();
          done.push({ unit, value });
        } catch (error) {
          await savepoint.rollbackToSavepoint('unit').execute();
          await savepoint.releaseSavepoint('unit').execute();
          unit.reject(error);
        }
        // Let requests that are being parsed right now join this commit.
        if (this.#queue.length === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      await trx.commit().execute();
    } catch (error) {
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      for (const { unit } of done) unit.reject(error);
      return;
    }
    this.stats.commits++;
    this.stats.units += done.length;
    for (const { unit, value } of done) unit.resolve(value);
  }
}
