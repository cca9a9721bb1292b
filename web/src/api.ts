import type { FeedbackEvent, FeedbackItem, FeedbackMessage } from '../../shared/contracts/feedback.js';
import type { Department, User } from '../../shared/contracts/identity.js';
import { currentLanguage } from './i18n/index.js';

export type { Department, FeedbackEvent, FeedbackItem, FeedbackMessage, User };

/** One field problem from `error.details` (validation failures name the path of the field). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** A failed API call: the machine code, the server's message (already in the user's language) and details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Problems per field path ("customer.email" …), for showing next to the inputs. */
  fieldIssues(): Record<string, string> {
    const out: Record<string, string> = {};
    const add = (path: unknown, message: unknown) => {
      const raw = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
      // Validation paths name the part of the request first ("body.customer.email").
      const key = raw.replace(/^(body|querystring|params)\./, '');
      if (key && typeof message === 'string' && !(key in out)) out[key] = message;
    };
    const visit = (d: unknown) => {
      if (Array.isArray(d)) {
        for (const x of d) visit(x);
      } else if (d && typeof d === 'object') {
        const o = d as Record<string, unknown>;
        if ('path' in o) add(o.path, typeof o.message === 'string' && o.message ? o.message : this.message);
      }
    };
    visit(this.details);
    return out;
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the session is gone (401 on a staff endpoint): the app goes back to the login page. */
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

type Query = Record<string, string | number | readonly string[] | undefined | null>;

export function toQueryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length > 0) params.set(k, v.join(','));
    } else params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  options: { body?: unknown; query?: Query; signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': currentLanguage(),
    ...options.headers,
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${options.query ? toQueryString(options.query) : ''}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network_error', '', null);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    if (res.status === 401 && !path.startsWith('/public/') && !path.startsWith('/auth/'))
      onUnauthenticated?.();
    throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? '', err?.details ?? null);
  }
  return json as T;
}

/** A file uploaded for a message: `POST /attachments` with the raw file as body; the answer's one-time token. */
export interface UploadedFile {
  token: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

export async function uploadAttachment(file: File): Promise<UploadedFile> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': currentLanguage(),
    'content-type': 'application/octet-stream',
    'x-file-name': encodeURIComponent(file.name),
  };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch('/api/v1/attachments', {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiError(0, 'network_error', '', null);
  }
  const json = (await res.json().catch(() => null)) as {
    data?: UploadedFile;
    error?: { code?: string; message?: string; details?: unknown };
  } | null;
  if (!res.ok || !json?.data) {
    if (res.status === 401) onUnauthenticated?.();
    throw new ApiError(
      res.status,
      json?.error?.code ?? 'http_error',
      json?.error?.message ?? '',
      json?.error?.details ?? null,
    );
  }
  return json.data;
}
