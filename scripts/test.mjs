#!/usr/bin/env node
// `npm test`: format + lint, type check, then every test on SQLite and on PostgreSQL.
// Without a reachable PostgreSQL the Postgres suite reports itself skipped — unless CI or
// REQUIRE_POSTGRES=1 is set, where a missing PostgreSQL is a failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';

const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const requirePostgres = process.env.REQUIRE_POSTGRES === '1' || process.env.CI === 'true';
const extraArgs = process.argv.slice(2);

function run(label, command, args) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✖ ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

run('biome (format + lint)', 'npx', ['biome', 'check', '.']);
run('tsc (type check)', 'npx', ['tsc', '-p', '.']);

const projects = ['--project', 'sqlite'];
if (await postgresReachable()) {
  projects.push('--project', 'postgres');
} else if (requirePostgres) {
  console.error(`✖ PostgreSQL is required here but not reachable at ${postgresUrl}`);
  process.exit(1);
} else {
  console.log(`\n⚠ PostgreSQL suite skipped: no server at ${postgresUrl} (set TEST_POSTGRES_URL to run it)`);
}

fs.mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
fs.rmSync(report, { force: true });
console.log(`\n▶ vitest (${projects.filter((p) => p !== '--project').join(' + ')})`);
const vitest = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    ...projects,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...extraArgs,
  ],
  { stdio: 'inherit' },
);
let summary = null;
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  summary = {
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + r.numTodoTests,
  };
}
if (summary)
  console.log(`\ntests: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
if (vitest.status !== 0 || !summary || summary.passed === 0) process.exit(vitest.status || 1);
