#!/usr/bin/env node
// `npm test`: format + lint, type check, then every test on SQLite and on PostgreSQL, then the browser suite.
// Without a reachable PostgreSQL the Postgres suite reports itself skipped — unless CI or
// REQUIRE_POSTGRES=1 is set, where a missing PostgreSQL is a failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
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
run('tsc (web app)', 'npx', ['tsc', '-p', 'web']);

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
let failed = vitest.status !== 0 || !summary || summary.passed === 0;

// Browser suite (test/browser, Playwright driving Debian's Chromium): the built web app served by the
// real server on a fresh SQLite database, then on PostgreSQL when that suite runs. Without Chromium it
// reports itself skipped — unless CI or REQUIRE_BROWSER=1 is set, where a missing browser is a failure.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const requireBrowser = process.env.REQUIRE_BROWSER === '1' || process.env.CI === 'true';
if (extraArgs.length > 0) {
  console.log('\n⚠ browser suite skipped: vitest arguments were given');
} else if (!fs.existsSync(chromium)) {
  if (requireBrowser) {
    console.error(
      `✖ Chromium is required here but missing at ${chromium} (apt-get install -y chromium fonts-noto-cjk)`,
    );
    failed = true;
  } else {
    console.log(
      `\n⚠ browser suite skipped: no Chromium at ${chromium} (apt-get install -y chromium fonts-noto-cjk)`,
    );
  }
} else {
  run('web app build (vite)', 'npx', ['vite', 'build', '--config', 'web/vite.config.ts']);
  const databases = projects.includes('postgres') ? ['sqlite', 'postgres'] : ['sqlite'];
  for (const db of databases) {
    const browserReport = `test-results/playwright-${db}.json`;
    fs.rmSync(browserReport, { force: true });
    console.log(`\n▶ browser suite (Chromium, ${db})`);
    const browser = spawnSync(
      'npx',
      ['playwright', 'test', '--config', 'test/browser/playwright.config.ts', '--reporter=list,json'],
      {
        stdio: 'inherit',
        env: { ...process.env, BROWSER_DB: db, PLAYWRIGHT_JSON_OUTPUT_NAME: path.resolve(browserReport) },
      },
    );
    if (browser.status !== 0) failed = true;
    if (summary && fs.existsSync(browserReport)) {
      const stats = JSON.parse(fs.readFileSync(browserReport, 'utf8')).stats ?? {};
      summary.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
      summary.failed += stats.unexpected ?? 0;
      summary.skipped += stats.skipped ?? 0;
    }
  }
}

if (summary)
  console.log(`\ntests: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
if (failed) process.exit(vitest.status || 1);
