import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './destination.js';

export const DELIVERY_TIMEOUT_MS = 10_000;
const EXCERPT_BYTES = 1024;

export interface SendResult {
  statusCode: number | null;
  success: boolean;
  durationMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

/** `sha256=<hex HMAC-SHA256 over "<timestamp>.<body>">`. */
export function signDelivery(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** A lookup that always answers the address already checked, so DNS cannot change between check and connect. */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  }) as LookupFunction;
}

/**
 * POSTs one signed delivery to `url`, connecting to `address` only. Redirects are not followed (a 3xx
 * is a failure); at most 1 KiB of the answer is read; the whole exchange is cut after the timeout.
 */
export function sendDelivery(options: {
  url: URL;
  address: ResolvedAddress;
  body: string;
  headers: Record<string, string>;
  timeoutMs?: number;
}): Promise<SendResult> {
  const { url, address, body } = options;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<SendResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
    };
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(
      url,
      {
        method: 'POST',
        lookup: pinnedLookup(address),
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Closeloop-Webhooks/1',
          ...options.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const statusCode = response.statusCode ?? null;
          const success = statusCode !== null && statusCode >= 200 && statusCode < 300;
          const excerpt = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8');
          finish({
            statusCode,
            success,
            error: success ? null : `HTTP ${statusCode}`,
            responseExcerpt: excerpt.length > 0 ? excerpt : null,
          });
          response.destroy();
        };
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= EXCERPT_BYTES) done();
        });
        response.on('end', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`timed out after ${options.timeoutMs ?? DELIVERY_TIMEOUT_MS} ms`));
    }, options.timeoutMs ?? DELIVERY_TIMEOUT_MS);
    request.on('error', (error) =>
      finish({ statusCode: null, success: false, error: error.message.slice(0, 500), responseExcerpt: null }),
    );
    request.end(body);
  });
}
