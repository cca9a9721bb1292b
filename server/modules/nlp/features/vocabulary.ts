import type { SparseRow } from '../linear/sparse.js';
import type { TermCounts } from './extract.js';

export type TermWeighting = 'tfidf' | 'binary';

/** Kept term hashes (ascending; position = feature index) with their IDF, and a fast lookup table. */
export class Vocabulary {
  readonly hashes: Uint32Array;
  readonly idf: Float32Array;
  private readonly table: Int32Array;
  private readonly mask: number;

  constructor(hashes: Uint32Array, idf: Float32Array) {
    this.hashes = hashes;
    this.idf = idf;
    let size = 1024;
    while (size < hashes.length * 2) size *= 2;
    const mask = size - 1;
    const table = new Int32Array(size).fill(-1);
    for (let i = 0; i < hashes.length; i++) {
      let slot = hashes[i]! & mask;
      while (table[slot] !== -1) slot = (slot + 1) & mask;
      table[slot] = i;
    }
    this.mask = mask;
    this.table = table;
  }

  get size(): number {
    return this.hashes.length;
  }

  /** Feature index of a term hash, or −1 when the term was pruned or never seen. */
  indexOf(hash: number): number {
    let slot = hash & this.mask;
    for (;;) {
      const at = this.table[slot]!;
      if (at === -1 || this.hashes[at] === hash) return at;
      slot = (slot + 1) & this.mask;
    }
  }

  /**
   * Sublinear TF·IDF (or binary) weights of the known terms, L2-normalised jointly, or as two blocks
   * (word / character, told apart by the top hash bit) when `wordShare` is given; indices ascending.
   */
  vectorize(doc: TermCounts, weighting: TermWeighting, wordShare?: number): SparseRow {
    const pairs: Array<[number, number, number]> = [];
    const norms = [0, 0];
    for (let i = 0; i < doc.terms.length; i++) {
      const index = this.indexOf(doc.terms[i]!);
      if (index < 0) continue;
      const value = weighting === 'binary' ? 1 : (1 + Math.log(doc.counts[i]!)) * this.idf[index]!;
      const block = wordShare !== undefined && doc.terms[i]! >= 0x80000000 ? 1 : 0;
      pairs.push([index, value, block]);
      norms[block]! += value * value;
    }
    pairs.sort((a, b) => a[0] - b[0]);
    const scales = blockScales(norms, wordShare);
    return {
      indices: Int32Array.from(pairs, (p) => p[0]),
      values: Float32Array.from(pairs, (p) => p[1] * scales[p[2]]!),
    };
  }

  /**
   * Linear scores of a document without building its vector: bias + Σ x_j·W[j, c], with x exactly as
   * `vectorize` makes it (weights row-major [feature × column]). The inference hot path.
   */
  score(
    doc: TermCounts,
    weighting: TermWeighting,
    wordShare: number | undefined,
    weights: Float32Array,
    bias: readonly number[],
  ): Float64Array {
    const columns = bias.length;
    const sums = [new Float64Array(columns), new Float64Array(columns)];
    const norms = [0, 0];
    for (let i = 0; i < doc.terms.length; i++) {
      const index = this.indexOf(doc.terms[i]!);
      if (index < 0) continue;
      const value = weighting === 'binary' ? 1 : (1 + Math.log(doc.counts[i]!)) * this.idf[index]!;
      const block = wordShare !== undefined && doc.terms[i]! >= 0x80000000 ? 1 : 0;
      norms[block]! += value * value;
      const sum = sums[block]!;
      const base = index * columns;
      for (let c = 0; c < columns; c++) sum[c]! += value * weights[base + c]!;
    }
    const scales = blockScales(norms, wordShare);
    const out = Float64Array.from(bias);
    for (let c = 0; c < columns; c++) out[c]! += scales[0]! * sums[0]![c]! + scales[1]! * sums[1]![c]!;
    return out;
  }
}

/** Per-block multipliers that make the vector's squared norm 1 (joint, or split by `wordShare`). */
function blockScales(norms: readonly number[], wordShare: number | undefined): number[] {
  const scales = [0, 0];
  if (wordShare === undefined) {
    scales[0] = norms[0]! > 0 ? 1 / Math.sqrt(norms[0]!) : 0;
    return scales;
  }
  const both = norms[0]! > 0 && norms[1]! > 0;
  const share = [both ? wordShare : 1, both ? 1 - wordShare : 1];
  for (const b of [0, 1]) scales[b] = norms[b]! > 0 ? Math.sqrt(share[b]! / norms[b]!) : 0;
  return scales;
}

export interface VocabularyOptions {
  /** Keep terms seen in at least this many training documents. */
  minDf: number;
  /** Then keep at most this many, the most frequent first. */
  maxFeatures?: number;
}

/** Builds the vocabulary from training documents only (document frequencies, smoothed IDF). */
export function fitVocabulary(docs: readonly TermCounts[], options: VocabularyOptions): Vocabulary {
  const df = new Map<number, number>();
  for (const doc of docs) for (const term of doc.terms) df.set(term, (df.get(term) ?? 0) + 1);
  let kept = [...df].filter(([, count]) => count >= options.minDf);
  if (options.maxFeatures !== undefined && kept.length > options.maxFeatures) {
    kept.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    kept = kept.slice(0, options.maxFeatures);
  }
  kept.sort((a, b) => a[0] - b[0]);
  const n = docs.length;
  return new Vocabulary(
    Uint32Array.from(kept, (k) => k[0]),
    Float32Array.from(kept, (k) => Math.log((1 + n) / (1 + k[1])) + 1),
  );
}
