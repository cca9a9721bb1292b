import type { TermCounts } from './extract.js';
import { finishHash, hashSeed, hashString } from './hash.js';

/**
 * Domain-augmented terms ("frustratingly easy" domain adaptation, Daumé 2007): every term once as
 * itself (shared across domains) and once tagged with the domain. Without a domain, shared only.
 */
export function withDomain(doc: TermCounts, domain: string | undefined): TermCounts {
  if (!domain) return doc;
  const seed = hashString(hashSeed(9), domain);
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < doc.terms.length; i++) {
    pairs.push([doc.terms[i]!, doc.counts[i]!]);
    // Keep the top bit: it marks the feature block (see FeatureConfig.wordShare).
    const term = doc.terms[i]!;
    pairs.push([
      ((finishHash((term ^ seed) >>> 0) & 0x7fffffff) | (term & 0x80000000)) >>> 0,
      doc.counts[i]!,
    ]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  return { terms: Uint32Array.from(pairs, (p) => p[0]), counts: Uint16Array.from(pairs, (p) => p[1]) };
}
