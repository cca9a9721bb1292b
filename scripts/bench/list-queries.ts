import { percentile } from './report.js';

export interface QuerySpec {
  name: string;
  /** Query string after `/api/v1/feedback?`. */
  query: string;
}

export interface QueryTiming {
  name: string;
  p50: number;
  p95: number;
  max: number;
  /** Items on the measured page. */
  returned: number;
}

export interface InboxClient {
  get(pathAndQuery: string): Promise<{ status: number; body: { data: unknown; nextCursor?: string | null } }>;
}

/** Logs in through the API and returns a client that sends the session cookie (GETs need no CSRF token). */
export async function loginClient(baseUrl: string, email: string, password: string): Promise<InboxClient> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    async get(pathAndQuery) {
      const r = await fetch(`${baseUrl}${pathAndQuery}`, { headers: { cookie } });
      const text = await r.text();
      if (r.status !== 200) throw new Error(`GET ${pathAndQuery} → ${r.status}: ${text.slice(0, 300)}`);
      return { status: r.status, body: JSON.parse(text) as { data: unknown; nextCursor?: string | null } };
    },
  };
}

async function time(
  client: InboxClient,
  path: string,
  runs: number,
): Promise<{ ms: number[]; returned: number }> {
  for (let i = 0; i < 3; i++) await client.get(path);
  const ms: number[] = [];
  let returned = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const r = await client.get(path);
    ms.push(performance.now() - started);
    returned = Array.isArray(r.body.data) ? r.body.data.length : 1;
  }
  return { ms: ms.sort((a, b) => a - b), returned };
}

function summary(name: string, ms: number[], returned: number): QueryTiming {
  return { name, p50: percentile(ms, 50), p95: percentile(ms, 95), max: ms.at(-1) ?? Number.NaN, returned };
}

/** Times each inbox query `runs` times over HTTP, sequentially (one agent clicking through the inbox). */
export async function measureQueries(client: InboxClient, specs: readonly QuerySpec[], runs: number) {
  const out: QueryTiming[] = [];
  for (const spec of specs) {
    const { ms, returned } = await time(client, `/api/v1/feedback?${spec.query}`, runs);
    out.push(summary(spec.name, ms, returned));
    process.stdout.write(
      `  ${spec.name}: p50 ${percentile(ms, 50).toFixed(1)} ms, p95 ${percentile(ms, 95).toFixed(1)} ms\n`,
    );
  }
  return out;
}

/** Times any GET of the API (e.g. the console overview) `runs` times. */
export async function measurePath(client: InboxClient, name: string, path: string, runs: number) {
  const { ms, returned } = await time(client, path, runs);
  process.stdout.write(
    `  ${name}: p50 ${percentile(ms, 50).toFixed(1)} ms, p95 ${percentile(ms, 95).toFixed(1)} ms\n`,
  );
  return summary(name, ms, returned);
}

/** Follows `pages` cursors of a listing, then times fetching that deepest page `runs` times. */
export async function measureDeepPage(
  client: InboxClient,
  name: string,
  query: string,
  pages: number,
  runs: number,
): Promise<QueryTiming & { depth: number; walkMs: number }> {
  let cursor: string | null = null;
  let depth = 1;
  const started = performance.now();
  for (; depth < pages; depth++) {
    const page = await client.get(
      `/api/v1/feedback?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (!page.body.nextCursor) break;
    cursor = page.body.nextCursor;
  }
  const walkMs = performance.now() - started;
  const path = `/api/v1/feedback?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  const { ms, returned } = await time(client, path, runs);
  process.stdout.write(
    `  ${name} (page ${depth}): p50 ${percentile(ms, 50).toFixed(1)} ms, p95 ${percentile(ms, 95).toFixed(1)} ms\n`,
  );
  return { ...summary(name, ms, returned), depth, walkMs };
}
