import fs from 'node:fs';
import cliProgress from 'cli-progress';
import { csvLine, parseMapping, reasonText, runImport } from '../modules/intake/import/index.js';
import { SYSTEM_ACTOR } from '../platform/auth/actor.js';
import type { AppContext } from '../platform/http/context.js';

export interface ImportCommandOptions {
  report?: string;
  map?: string;
  dryRun?: boolean;
}

function progressBar(): { update(bytes: number, total: number, rows: number): void; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: 'import · 导入 [{bar}] {percentage}% | {rows} rows · 行 | {duration_formatted}',
        stream: process.stderr,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(bytes, total, rows) {
        if (!started) {
          bar.start(Math.max(total, 1), 0, { rows: 0 });
          started = true;
        }
        bar.update(bytes, { rows });
      },
      stop: () => bar.stop(),
    };
  }
  let lastDecile = -1;
  return {
    update(bytes, total, rows) {
      const decile = total === 0 ? 10 : Math.floor((bytes / total) * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        process.stderr.write(`import · 导入: ${decile * 10}% (${rows} rows · 行)\n`);
      }
    },
    stop() {},
  };
}

/**
 * `closeloop import FILE`: streams the file into feedback items with a progress bar on stderr and ends
 * stdout with `imported N, skipped S, rejected M`; `--report` gets one `row,field,reason` line per
 * rejected row.
 */
export async function runImportCommand(
  ctx: AppContext,
  file: string,
  opts: ImportCommandOptions,
): Promise<void> {
  const mapping = parseMapping(opts.map);
  const report = opts.report ? fs.openSync(opts.report, 'w') : null;
  if (report !== null) fs.writeSync(report, 'row,field,reason\n');
  const progress = progressBar();
  try {
    const counts = await runImport(
      { database: ctx.database, clock: ctx.clock, timeZone: ctx.config.businessTimeZone },
      {
        file,
        mapping,
        dryRun: opts.dryRun ?? false,
        actor: SYSTEM_ACTOR,
        onProgress(p, rejections) {
          progress.update(p.bytesRead, p.totalBytes, p.rows);
          if (report !== null && rejections.length > 0)
            fs.writeSync(
              report,
              rejections.map((r) => csvLine([r.row, r.field, reasonText(r.code)])).join(''),
            );
        },
      },
    );
    progress.stop();
    if (opts.dryRun) console.log('dry run: nothing was written · 试运行：未写入任何数据');
    console.log(`imported ${counts.imported}, skipped ${counts.skipped}, rejected ${counts.rejected}`);
  } finally {
    progress.stop();
    if (report !== null) fs.closeSync(report);
  }
}
