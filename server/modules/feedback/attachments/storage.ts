import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '../../../platform/http/errors.js';
import { detectContentType } from './detect.js';
import { sanitizeFileName } from './file-name.js';

/** The part of the configuration attachments need (the whole `Config` fits). */
export interface AttachmentConfig {
  dataDir: string;
  attachments: { maxBytes: number; maxCount: number };
}

/**
 * A file checked and durably stored, not yet part of an item: give it to `createFeedback` (input
 * `attachments`) or `addMessage`, which insert its row in their transaction. If that transaction fails,
 * call `discardPreparedAttachments` (or use `withPreparedAttachments`) so the file does not linger.
 */
export interface PreparedAttachment {
  /** The attachment row's id when already chosen (claimed uploads); generated at insert otherwise. */
  id?: string;
  storageKey: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** Bytes read beyond the limit before an oversized upload is cut off instead of drained. */
const DRAIN_FACTOR = 4;

function storagePath(dataDir: string, storageKey: string): string {
  const full = path.resolve(dataDir, storageKey);
  const root = path.resolve(dataDir, 'attachments');
  if (!full.startsWith(root + path.sep))
    throw new Error(`storage key outside the attachments folder: ${storageKey}`);
  return full;
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Stores one file: streams it to `CLOSELOOP_DATA_DIR/attachments/<yyyy>/<mm>/<uuid>` (a generated name, no
 * extension from the sender) while counting and hashing; more than `ATTACHMENT_MAX_BYTES` → 413
 * attachment_too_large with the partial file removed; empty → 400 attachment_empty. The type is then
 * decided by content (415 attachment_type_not_allowed, file removed) and the file and its folder are
 * fsynced, so a row committed afterwards never points at a file that could be lost.
 */
export async function prepareAttachment(
  config: AttachmentConfig,
  input: { fileName?: string | null; bytes?: Uint8Array; stream?: Readable; at?: Date },
): Promise<PreparedAttachment> {
  const max = config.attachments.maxBytes;
  const at = input.at ?? new Date();
  const yyyy = String(at.getUTCFullYear());
  const mm = String(at.getUTCMonth() + 1).padStart(2, '0');
  const storageKey = `attachments/${yyyy}/${mm}/${randomUUID()}`;
  const file = storagePath(config.dataDir, storageKey);
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const fileName = sanitizeFileName(input.fileName);
  const source = input.stream ?? Readable.from([Buffer.from(input.bytes ?? new Uint8Array())]);

  const handle = await open(file, 'wx', 0o600);
  const hash = createHash('sha256');
  let size = 0;
  let tooLarge = false;
  try {
    try {
      for await (const chunk of source) {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        size += buffer.length;
        if (size > max) {
          tooLarge = true;
          // Keep reading (and discarding) a while so the client gets its 413 instead of a reset connection.
          if (size > max * DRAIN_FACTOR) break;
          continue;
        }
        hash.update(buffer);
        await handle.write(buffer);
      }
      if (tooLarge) throw new AppError('attachment_too_large', { params: { limit: max } });
      if (size === 0) throw new AppError('attachment_empty');
      await handle.sync();
    } finally {
      await handle.close();
    }
    const contentType = await detectContentType(file, fileName);
    await syncDirectory(dir);
    return { storageKey, fileName, contentType, sizeBytes: size, sha256: hash.digest('hex') };
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
}

/** Removes stored files (missing ones are fine). */
export async function deleteStoredFiles(dataDir: string, storageKeys: string[]): Promise<void> {
  await Promise.all(storageKeys.map((key) => rm(storagePath(dataDir, key), { force: true })));
}

/** Removes the files of prepared attachments whose transaction did not commit. */
export function discardPreparedAttachments(
  config: Pick<AttachmentConfig, 'dataDir'>,
  prepared: PreparedAttachment[],
): Promise<void> {
  return deleteStoredFiles(
    config.dataDir,
    prepared.map((p) => p.storageKey),
  );
}

/** Runs `work` (which commits the prepared attachments' rows) and removes their files if it throws. */
export async function withPreparedAttachments<T>(
  config: Pick<AttachmentConfig, 'dataDir'>,
  prepared: PreparedAttachment[],
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await discardPreparedAttachments(config, prepared);
    throw error;
  }
}

/** A stored file opened for reading, or null when it is missing. */
export async function openStoredFile(
  dataDir: string,
  storageKey: string,
): Promise<{ stream: Readable; size: number } | null> {
  const file = storagePath(dataDir, storageKey);
  try {
    const info = await stat(file);
    return { stream: createReadStream(file), size: info.size };
  } catch {
    return null;
  }
}
