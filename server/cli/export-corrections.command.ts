import { writeFileSync } from 'node:fs';
import { exportCorrections } from '../modules/triage/index.js';
import { loadConfig } from '../platform/config/config.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';

/** Agents' stored overrides as training lines (`{ text, label, task }`), read from the configured database. */
export async function correctionsFromDatabase(databaseUrl = loadConfig().databaseUrl): Promise<string[]> {
  const database = openDatabase(databaseUrl);
  try {
    await migrateToLatest(database.db);
    return await exportCorrections(database.db);
  } finally {
    await database.close();
  }
}

/** `closeloop export-corrections [--out FILE]`: JSON lines for `npm run train -- --corrections FILE`. */
export async function runExportCorrections(options: { out?: string }): Promise<void> {
  const lines = await correctionsFromDatabase();
  const text = lines.length > 0 ? `${lines.join('\n')}\n` : '';
  if (options.out) writeFileSync(options.out, text);
  else process.stdout.write(text);
  console.error(`exported ${lines.length} corrections`);
}
