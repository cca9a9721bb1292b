import { defineConfig } from 'vitest/config';

const common = {
  include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'test/**/*.test.ts'],
  exclude: ['**/node_modules/**', 'test/browser/**'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

/** Every server test runs twice: once on SQLite, once on PostgreSQL (skipped when no server answers). */
export default defineConfig({
  test: {
    projects: [
      { test: { ...common, name: 'sqlite', env: { DB: 'sqlite' } } },
      { test: { ...common, name: 'postgres', env: { DB: 'postgres' } } },
    ],
  },
});
