import { readFile } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import { AppError } from '../../../platform/http/errors.js';
import { extensionOf } from './file-name.js';

/** Types recognised by their magic bytes that we accept, by the MIME type `file-type` reports. */
const ALLOWED_BINARY = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/zip',
  'audio/mpeg',
  'audio/x-m4a',
  'audio/mp4',
  'audio/wav',
  'audio/x-wav',
  'audio/amr',
  'video/mp4',
]);

/**
 * Old Office files are OLE2 compound files, which `file-type` reports only as `application/x-cfb` (as it
 * does installers such as .msi): accepted only under a Word / Excel / PowerPoint extension.
 */
const OLE2_BY_EXTENSION: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030', { fatal: true });

/** Control characters other than tab, line feed, form feed and carriage return mean binary data. */
function hasBinaryControls(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) return true;
    if (b === 0x7f) return true;
  }
  return false;
}

/** The charset a text file decodes in, or null when it is not text (NUL, controls, invalid sequences). */
export function textCharset(bytes: Uint8Array): 'utf-8' | 'gb18030' | null {
  if (hasBinaryControls(bytes)) return null;
  try {
    utf8.decode(bytes);
    return 'utf-8';
  } catch {
    // not UTF-8
  }
  try {
    gb18030.decode(bytes);
    return 'gb18030';
  } catch {
    return null;
  }
}

/**
 * Decides a stored file's type from its content: magic bytes first (whatever the sender claimed), then
 * plain text (UTF-8 or GB18030: `text/csv` under a .csv name, else `text/plain`). 415
 * attachment_type_not_allowed for anything else.
 */
export async function detectContentType(path: string, fileName: string): Promise<string> {
  const detected = await fileTypeFromFile(path);
  const ext = extensionOf(fileName);
  if (detected) {
    if (ALLOWED_BINARY.has(detected.mime)) return detected.mime;
    if (detected.mime === 'application/x-cfb' && OLE2_BY_EXTENSION[ext]) return OLE2_BY_EXTENSION[ext];
    throw new AppError('attachment_type_not_allowed', { params: { type: detected.ext } });
  }
  const charset = textCharset(await readFile(path));
  if (charset) return `${ext === 'csv' ? 'text/csv' : 'text/plain'}; charset=${charset}`;
  throw new AppError('attachment_type_not_allowed', { params: { type: ext || 'binary' } });
}
