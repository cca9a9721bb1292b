import { Command, InvalidArgumentError } from 'commander';
import { ROLES, type Role } from '../../shared/enums.js';
import { loadConfig } from '../platform/config/config.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest, migrationState } from '../platform/db/migrate.js';
import { isAppError } from '../platform/http/errors.js';
import { formatMessage } from '../platform/http/messages.js';
import { createRuntime } from '../runtime.js';
import { runSeedDemo } from './seed-demo.command.js';
import { runStart } from './start.command.js';

function parseRole(value: string): Role {
  if ((ROLES as readonly string[]).includes(value)) return value as Role;
  throw new InvalidArgumentError(`role must be one of ${ROLES.join(', ')}`);
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

/** Runs a command against a migrated database without starting HTTP listeners or background loops. */
async function withRuntime<T>(
  fn: (runtime: Awaited<ReturnType<typeof createRuntime>>) => Promise<T>,
): Promise<T> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const runtime = await createRuntime(config, { httpLogger: false });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

export function buildCli(): Command {
  const program = new Command('closeloop')
    .description('Closeloop — customer feedback management / 客户反馈管理系统')
    .showHelpAfterError();

  program
    .command('start')
    .description('Serve the API and web app, run the worker and the scheduler (SERVICES selects which)')
    .action(() => runStart());

  program
    .command('migrate')
    .description('Apply pending database migrations')
    .action(async () => {
      const config = loadConfig();
      const database = openDatabase(config.databaseUrl);
      try {
        const applied = await migrateToLatest(database.db);
        const state = await migrationState(database.db);
        for (const name of applied) console.log(`applied ${name}`);
        console.log(
          `${database.kind}: ${state.applied.length} migrations applied, ${state.pending.length} pending`,
        );
      } finally {
        await database.close();
      }
    });

  program
    .command('create-admin')
    .description('Create an administrator account')
    .requiredOption('--email <email>', 'login email')
    .requiredOption('--password <password>', 'password (at least 8 characters)')
    .option('--name <name>', 'display name', 'Administrator')
    .action(async (opts: { email: string; password: string; name: string }) => {
      const { createAdminFromCli } = await import('../modules/identity/cli.js');
      const user = await withRuntime((r) => createAdminFromCli(r.ctx, opts));
      console.log(`admin created: ${opts.email} (${user.id})`);
    });

  program
    .command('create-api-key')
    .description('Create an API key for an integration; prints only the key')
    .requiredOption('--name <name>', 'what the key is for')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, parseRole)
    .option('--department <code>', 'department code the key acts for')
    .action(async (opts: { name: string; role: Role; department?: string }) => {
      const { createApiKeyFromCli } = await import('../modules/identity/cli.js');
      const input = {
        name: opts.name,
        role: opts.role,
        ...(opts.department ? { departmentCode: opts.department } : {}),
      };
      const { key } = await withRuntime((r) => createApiKeyFromCli(r.ctx, input));
      process.stdout.write(`${key}\n`);
    });

  program
    .command('seed-demo')
    .description('Load a bilingual demo data set (departments, users, customers, feedback)')
    .option('--items <n>', 'number of feedback items', parsePositiveInt, 300)
    .action((opts: { items: number }) => withRuntime((r) => runSeedDemo(r.ctx, opts.items)));

  program
    .command('import')
    .description('Import feedback from a CSV or XLSX file whose header row names record fields')
    .argument('<file>', 'CSV (UTF-8 or GBK) or XLSX file')
    .option('--report <out.csv>', 'write one row,field,reason line per rejected row')
    .option(
      '--map <mapping>',
      'column mapping for other headers, e.g. "描述=description,电话=customer.phone"',
    )
    .option('--dry-run', 'validate and report without writing anything')
    .action(async (file: string, opts: { report?: string; map?: string; dryRun?: boolean }) => {
      const { runImportCommand } = await import('./import.command.js');
      const { detectFormat, parseMapping } = await import('../modules/intake/import/index.js');
      // Refused before the database is opened: unreadable file, unknown format, unknown mapped field.
      parseMapping(opts.map);
      await detectFormat(file);
      await withRuntime((r) => runImportCommand(r.ctx, file, opts));
    });

  program
    .command('analyze')
    .description(
      'Analyse texts offline: one text (or JSON line with "text") per stdin line → one JSON line each',
    )
    .action(async () => {
      // Loaded lazily: jieba and the models are only needed by this command.
      const { runAnalyze } = await import('./analyze.command.js');
      await runAnalyze(process.stdin, process.stdout);
    });

  program
    .command('export-corrections')
    .description(
      "Write agents' nature corrections as JSON lines for `npm run train -- --corrections FILE` " +
        '(or train with --corrections-from-db)',
    )
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (opts: { out?: string }) => {
      const { runExportCorrections } = await import('./export-corrections.command.js');
      await runExportCorrections(opts);
    });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (isAppError(error))
      console.error(
        `error: ${error.code}: ${error.message} / ${formatMessage(error.code, 'zh-CN', error.params)}`,
      );
    else console.error(error instanceof Error ? `error: ${error.message}` : error);
    process.exitCode = 1;
  }
}
