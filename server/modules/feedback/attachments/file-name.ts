const MAX_NAME_LENGTH = 180;
const FALLBACK_NAME = 'attachment';

/**
 * The name a file is shown and downloaded under: the last path part only (`/` and `\` both count), Unicode
 * NFC, without control or format characters (no bidi overrides hiding the real extension), trimmed of
 * spaces and dots at either end, at most 180 characters (the extension kept). Never used on disk.
 */
export function sanitizeFileName(raw: string | null | undefined): string {
  if (!raw) return FALLBACK_NAME;
  const last = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = last
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (!cleaned) return FALLBACK_NAME;
  const chars = [...cleaned];
  if (chars.length <= MAX_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 ? [...cleaned.slice(dot)] : [];
  const keep = ext.length > 0 && ext.length <= 16 ? ext : [];
  return chars.slice(0, MAX_NAME_LENGTH - keep.length).join('') + keep.join('');
}

/** Lower-case extension of a display name without the dot ('' when none). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/**
 * Reads the file name of an upload from `X-File-Name`: RFC 5987 (`UTF-8''%E6%8A%95…`), percent-encoded UTF-8,
 * or raw UTF-8 bytes (which Node hands over as latin1 characters).
 */
export function decodeHeaderFileName(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const ext = /^utf-8''(.*)$/i.exec(value.trim());
  const encoded = ext ? ext[1]! : value.trim();
  if (/%[0-9a-f]{2}/i.test(encoded)) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // not valid percent-encoded UTF-8: fall through
    }
  }
  if (/[\u0080-\u00ff]/.test(encoded)) {
    const bytes = Buffer.from(encoded, 'latin1');
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return encoded;
    }
  }
  return encoded;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the exact name as RFC 6266 `filename*`. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
