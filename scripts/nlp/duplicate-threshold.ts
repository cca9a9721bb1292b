/**
 * Measures the text similarity used by duplicate detection (nlp textVector + cosine) on real data, to
 * choose DUPLICATE_THRESHOLD (figures in ARCHITECTURE.md, "Related items"). Reads ../shared/data at run
 * time; nothing from it is stored.
 *
 *   npx tsx scripts/nlp/duplicate-threshold.ts [DATA_DIR]
 *
 * - zh hard negatives: two different negative reviews of the same product category (online_shopping_10_cats
 *   test) — different complaints about similar things, which must not be flagged.
 * - zh resubmissions: a negative review sent again as customers do (a follow-up phrase, a part of the text
 *   dropped or reordered) — must be flagged. (A perturbation of real text: there is no labelled Chinese
 *   duplicate set here.)
 * - en same issue / other issue: BANKING77 test queries of the same intent (real different wordings of one
 *   problem) vs of different intents.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { cosine, textVector } from '../../server/modules/nlp/index.js';

const dataDir = process.argv[2] ?? path.resolve(import.meta.dirname, '../../../shared/data');
const THRESHOLDS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7];

let seed = 20261123;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
}
const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;

function rows(file: string): Record<string, string>[] {
  return parse(readFileSync(path.join(dataDir, file)), { columns: true, skip_empty_lines: true });
}

const FOLLOW_UPS = ['上次反馈的问题还没解决：', '再次投诉！', '我之前已经说过了，', '怎么还没人处理？', ''];
function resubmit(text: string): string {
  const sentences = text.split(/(?<=[。！？!?，,；;])/u).filter((s) => s.trim());
  let kept = sentences;
  if (sentences.length >= 3) {
    const drop = Math.floor(random() * sentences.length);
    kept = sentences.filter((_, i) => i !== drop);
    if (random() < 0.5) kept = [...kept.slice(1), kept[0]!];
  }
  return pick(FOLLOW_UPS) + kept.join('') + (random() < 0.5 ? '请尽快给我答复。' : '');
}

function report(name: string, scores: number[], positive: boolean): void {
  const sorted = [...scores].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(3);
  const cells = THRESHOLDS.map((t) => {
    const share = scores.filter((s) => s >= t).length / scores.length;
    return `${t}: ${(100 * share).toFixed(1)}%`;
  });
  console.log(
    `${name.padEnd(28)} n=${scores.length} p50=${q(0.5)} p95=${q(0.95)} p99=${q(0.99)}  ${positive ? 'flagged' : 'false flags'} ≥ ${cells.join('  ')}`,
  );
}

const shopping = rows('online_shopping_10_cats/test.csv').filter(
  (r) => r.label === '0' && r.review!.length >= 15,
);
const byCat = new Map<string, string[]>();
for (const r of shopping) byCat.set(r.cat!, [...(byCat.get(r.cat!) ?? []), r.review!]);
const cats = [...byCat.keys()];
const zhNeg: number[] = [];
const zhPos: number[] = [];
for (let i = 0; i < 3000; i++) {
  const texts = byCat.get(pick(cats))!;
  const a = pick(texts);
  const b = pick(texts);
  if (a !== b) zhNeg.push(cosine(textVector(a), textVector(b)));
  const original = pick(shopping).review!;
  zhPos.push(cosine(textVector(original), textVector(resubmit(original))));
}

const banking = rows('banking77/test.csv');
const byIntent = new Map<string, string[]>();
for (const r of banking) byIntent.set(r.category!, [...(byIntent.get(r.category!) ?? []), r.text!]);
const intents = [...byIntent.keys()];
const enSame: number[] = [];
const enOther: number[] = [];
for (let i = 0; i < 3000; i++) {
  const intent = pick(intents);
  const texts = byIntent.get(intent)!;
  const a = pick(texts);
  const b = pick(texts);
  if (a !== b) enSame.push(cosine(textVector(a), textVector(b)));
  let other = pick(intents);
  while (other === intent) other = pick(intents);
  enOther.push(cosine(textVector(a), textVector(pick(byIntent.get(other)!))));
}

report('zh same-category complaints', zhNeg, false);
report('zh resubmissions', zhPos, true);
report('en other intent', enOther, false);
report('en same intent', enSame, true);
