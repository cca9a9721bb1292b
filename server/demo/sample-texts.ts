import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { SentimentLabel } from '../../shared/enums.js';
import type { Random } from './random.js';

export type SampleLanguage = 'zh' | 'en';
export type SampleSource =
  | 'online_shopping'
  | 'waimai'
  | 'hotel'
  | 'banking77'
  | 'airline'
  | 'cfpb'
  | 'template';

/** One real customer text (or a hand-written template) with the labels its data set carries. */
export interface SampleText {
  text: string;
  language: SampleLanguage;
  source: SampleSource;
  sentiment: SentimentLabel;
  /** The data set's topic label: product category, intent, complaint reason or issue (a tag path for templates). */
  topic: string;
}

type Row = Record<string, string | undefined>;

interface SourceSpec {
  source: Exclude<SampleSource, 'template'>;
  dir: string;
  language: SampleLanguage;
  text: (row: Row) => string | undefined;
  sentiment: (row: Row) => SentimentLabel;
  topic: (row: Row) => string;
}

const binary = (row: Row): SentimentLabel => (row.label === '1' ? 'positive' : 'negative');

const SOURCES: readonly SourceSpec[] = [
  {
    source: 'online_shopping',
    dir: 'online_shopping_10_cats',
    language: 'zh',
    text: (r) => r.review,
    sentiment: binary,
    topic: (r) => r.cat ?? '',
  },
  {
    source: 'waimai',
    dir: 'waimai_10k',
    language: 'zh',
    text: (r) => r.review,
    sentiment: binary,
    topic: () => '外卖',
  },
  {
    source: 'hotel',
    dir: 'ChnSentiCorp_htl_all',
    language: 'zh',
    text: (r) => r.review,
    sentiment: binary,
    topic: () => '酒店',
  },
  {
    source: 'banking77',
    dir: 'banking77',
    language: 'en',
    text: (r) => r.text,
    sentiment: () => 'neutral',
    topic: (r) => r.category ?? '',
  },
  {
    source: 'airline',
    dir: 'twitter_airline_sentiment',
    language: 'en',
    text: (r) => r.text,
    sentiment: (r) =>
      r.airline_sentiment === 'positive'
        ? 'positive'
        : r.airline_sentiment === 'negative'
          ? 'negative'
          : 'neutral',
    topic: (r) => r.negativereason || r.airline || '',
  },
  {
    source: 'cfpb',
    dir: 'cfpb_complaints',
    language: 'en',
    text: (r) => r.narrative,
    sentiment: () => 'negative',
    topic: (r) => r.issue ?? '',
  },
];

/** `../shared/data` next to the repository root, where the public labelled data sets live (absent in a plain clone). */
export function defaultSampleDataDir(): string {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  return path.resolve(repoRoot, '..', 'shared', 'data');
}

function clean(text: string | undefined, maxLength: number): string | null {
  if (!text) return null;
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t.length < 8 || t.length > maxLength) return null;
  return t;
}

/**
 * Reads the train splits of the public data sets at run time (never the test splits). Returns an empty list
 * when the directory is missing, so callers fall back to their own templates.
 */
export function loadSampleTexts(
  options: { dir?: string; maxPerSource?: number; maxLength?: number; random?: Random } = {},
): SampleText[] {
  const dir = options.dir ?? defaultSampleDataDir();
  const maxLength = options.maxLength ?? 1500;
  const out: SampleText[] = [];
  for (const spec of SOURCES) {
    const file = path.join(dir, spec.dir, 'train.csv');
    if (!fs.existsSync(file)) continue;
    const rows = parse(fs.readFileSync(file, 'utf8'), {
      columns: true,
      skip_empty_lines: true,
      bom: true,
    }) as Row[];
    const texts: SampleText[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      const text = clean(spec.text(row), maxLength);
      if (!text || seen.has(text)) continue;
      seen.add(text);
      texts.push({
        text,
        language: spec.language,
        source: spec.source,
        sentiment: spec.sentiment(row),
        topic: spec.topic(row),
      });
    }
    out.push(...subset(texts, options.maxPerSource, options.random));
  }
  return out;
}

function subset<T>(items: T[], max: number | undefined, random: Random | undefined): T[] {
  if (max === undefined || items.length <= max) return items;
  const copy = items.slice();
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor((random ? random.next() : Math.random()) * (copy.length - i));
    const a = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = a;
  }
  return copy.slice(0, max);
}
