#!/usr/bin/env node
// `npm start` runs this first (prestart): builds the web app into web/dist when it is missing or older
// than its sources (web/, shared/), so a fresh clone works with `npm install && npm start`.
// `--force` always builds. Without Vite (production install without dev dependencies) it only warns:
// the server then answers a page saying how to build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const index = path.join(root, 'web/dist/index.html');
const sources = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'shared'].map((p) =>
  path.join(root, p),
);

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

const force = process.argv.includes('--force');
const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
const stale = force || builtAt === 0 || sources.some((s) => newestMtime(s) > builtAt);
if (!stale) process.exit(0);

const vite = path.join(root, 'node_modules/vite/bin/vite.js');
if (!fs.existsSync(vite)) {
  console.warn(
    '⚠ web app not built: Vite is not installed (install dev dependencies, then `npm run build`).',
  );
  console.warn('⚠ 网页应用未构建：未安装 Vite（请安装开发依赖后运行 `npm run build`）。');
  process.exit(0);
}
console.log('Building the web app · 正在构建网页应用 (web/dist)…');
const result = spawnSync(
  process.execPath,
  [vite, 'build', '--config', path.join(root, 'web/vite.config.ts')],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
