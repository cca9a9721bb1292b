import fs from 'node:fs';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError } from '../../../platform/http/errors.js';
import type { Cell } from './fields.js';

export type ImportFormat = 'csv' | 'xlsx';

/** One line of the sheet: its row number as a spreadsheet shows it (header = 1) and its cells by column. */
export interface SheetRow {
  row: number;
  cells: Cell[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

function unreadable(file: string, error: unknown): AppError {
  const reason =
    error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
  return new AppError('import_file_unreadable', { params: { file, reason } });
}

/** Decides the format from the file's first bytes: a zip is XLSX, text is CSV, anything else is refused. */
export async function detectFormat(file: string): Promise<ImportFormat> {
  let head: Buffer;
  try {
    const handle = await fs.promises.open(file, 'r');
    try {
      const buffer = Buffer.alloc(4096);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unreadable(file, error);
  }
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
  if (head.subarray(0, 4).equals(OLE_MAGIC) || head.includes(0))
    throw new AppError('import_unknown_format', { params: { file } });
  return 'csv';
}

/**
 * Bytes → text for csv-parse: UTF-8 (BOM dropped) when the first 64 KiB are valid UTF-8, otherwise
 * GB18030 (a superset of GBK/GB2312, which Excel on Chinese Windows writes).
 */
function decodeText(): Transform {
  const SAMPLE = 64 * 1024;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let decoder: TextDecoder | null = null;
  const choose = (sample: Buffer) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
      decoder = new TextDecoder('utf-8');
    } catch {
      decoder = new TextDecoder('gb18030');
    }
  };
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      if (!decoder) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes < SAMPLE) return done();
        const sample = Buffer.concat(pending);
        pending = [];
        choose(sample);
        chunk = sample;
      }
      const text = (decoder as TextDecoder).decode(chunk, { stream: true });
      done(null, text || undefined);
    },
    flush(done) {
      if (!decoder) {
        const sample = Buffer.concat(pending);
        choose(sample);
        const text = (decoder as unknown as TextDecoder).decode(sample);
        return done(null, text || undefined);
      }
      const rest = (decoder as TextDecoder).decode();
      done(null, rest || undefined);
    },
  });
}

/** Counts the bytes a stream has delivered so far (progress of a streaming read). */
export interface ByteCounter {
  bytes: number;
}

function countedStream(file: string, counter: ByteCounter): fs.ReadStream {
  const input = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  input.on('data', (chunk) => {
    counter.bytes += chunk.length;
  });
  return input;
}

async function* csvRows(file: string, counter: ByteCounter): AsyncGenerator<SheetRow> {
  const input = countedStream(file, counter);
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: false, trim: false });
  input.on('error', (error) => parser.destroy(unreadable(file, error)));
  input.pipe(decodeText()).pipe(parser);
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      yield { row, cells: record };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('import_file_unreadable', {
      params: { file, reason: error instanceof Error ? error.message : String(error) },
    });
  } finally {
    input.destroy();
  }
}

function xlsxCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value !== 'object') return value as Cell;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return xlsxCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
  if ('error' in value) return null;
  return String(value);
}

async function* xlsxRows(file: string, counter: ByteCounter): AsyncGenerator<SheetRow> {
  const input = countedStream(file, counter);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'emit',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as ExcelJS.CellValue[];
        // exceljs rows are 1-based; column A is values[1].
        yield { row: row.number, cells: values.slice(1).map(xlsxCell) };
      }
      return; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable(file, error);
  } finally {
    input.destroy();
  }
}

/** Streams the rows of a CSV or XLSX file (first worksheet), header row included, in constant memory. */
export function readSheet(
  file: string,
  format: ImportFormat,
  counter: ByteCounter = { bytes: 0 },
): AsyncGenerator<SheetRow> {
  return format === 'xlsx' ? xlsxRows(file, counter) : csvRows(file, counter);
}
