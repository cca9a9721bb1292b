// Development aid: validation accuracy of probability-averaging ensembles of probed members.
// usage: tsx scripts/nlp/probe-combine.ts TASK [maxSize] [name,name,...]
import { readdirSync, readFileSync } from 'node:fs';
import { scoresToProbabilities } from '../../server/modules/nlp/model/classifier.js';
import { fitTemperature } from '../../server/modules/nlp/training/calibrate.js';

const task = process.argv[2]!;
const maxSize = Number(process.argv[3] ?? '3');
const only = process.argv[4]?.split(',');
const dir = `/tmp/closeloop-probe/${task}`;
const meta = JSON.parse(readFileSync(`${dir}/_meta.json`, 'utf8')) as {
  labels: string[];
  y: number[];
  dataset: string[];
};
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && f !== '_meta.json')
  .map((f) => f.slice(0, -5))
  .filter((n) => !only || only.includes(n));
const probs = new Map<string, (Float64Array | null)[]>();
for (const name of names) {
  const { scores } = JSON.parse(readFileSync(`${dir}/${name}.json`, 'utf8')) as {
    scores: (number[] | null)[];
  };
  const have = scores.map((s, k) => (s ? k : -1)).filter((k) => k >= 0);
  const T = fitTemperature(
    have.map((k) => Float64Array.from(scores[k]!)),
    Int32Array.from(have, (k) => meta.y[k]!),
  );
  probs.set(
    name,
    scores.map((s) => (s ? scoresToProbabilities(Float64Array.from(s), T) : null)),
  );
}
const datasets = [...new Set(meta.dataset)];
function score(members: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of datasets) {
    let ok = 0;
    let n = 0;
    meta.y.forEach((y, k) => {
      if (meta.dataset[k] !== d) return;
      const ps = members.map((m) => probs.get(m)![k]);
      if (ps.some((p) => !p)) return;
      const avg = new Float64Array(ps[0]!.length);
      for (const p of ps) for (let c = 0; c < avg.length; c++) avg[c]! += Math.log(Math.max(p![c]!, 1e-9));
      let best = 0;
      for (let c = 1; c < avg.length; c++) if (avg[c]! > avg[best]!) best = c;
      ok += best === y ? 1 : 0;
      n++;
    });
    if (n > 0) out[d] = (100 * ok) / n;
  }
  return out;
}
const results: Array<[string, Record<string, number>]> = [];
function walk(start: number, chosen: string[]): void {
  if (chosen.length > 0) results.push([chosen.join('+'), score(chosen)]);
  if (chosen.length === maxSize) return;
  for (let i = start; i < names.length; i++) walk(i + 1, [...chosen, names[i]!]);
}
walk(0, []);
for (const d of datasets) {
  const ranked = results
    .filter(([, r]) => r[d] !== undefined)
    .sort((a, b) => b[1][d]! - a[1][d]!)
    .slice(0, 12);
  console.log(`== ${d}`);
  for (const [name, r] of ranked) console.log(`  ${r[d]!.toFixed(2)}  ${name}`);
  const singles = results.filter(([name, r]) => !name.includes('+') && r[d] !== undefined);
  console.log(`  singles: ${singles.map(([n, r]) => `${n} ${r[d]!.toFixed(2)}`).join(', ')}`);
}
