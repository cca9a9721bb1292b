import { describe, expect, it } from 'vitest';
import { withDomain } from './domain.js';
import { CHAR_BLOCK_BIT, countTerms, extractTerms, type FeatureConfig } from './extract.js';
import { finishHash, hashSeed, hashString } from './hash.js';
import { fitVocabulary } from './vocabulary.js';

const zh: FeatureConfig = {
  language: 'zh',
  wordNgrams: 2,
  charNgrams: [1, 3],
  negation: true,
  dropStopWords: false,
};
const en: FeatureConfig = {
  language: 'en',
  wordNgrams: 2,
  charNgrams: [2, 5],
  negation: true,
  dropStopWords: false,
};
const word = (w: string) => finishHash(hashString(hashSeed(1), w));
const neg = (w: string) => finishHash(hashString(hashSeed(4), w));

describe('extractTerms', () => {
  it('is deterministic and counts repeats', () => {
    const a = countTerms(extractTerms('好好好', zh));
    const b = countTerms(extractTerms('好好好', zh));
    expect(Array.from(a.terms)).toEqual(Array.from(b.terms));
    // char unigram 好 ×3, bigram 好好 ×2, trigram ×1, plus jieba words.
    expect(Math.max(...a.counts)).toBeGreaterThanOrEqual(3);
  });

  it('has word unigrams, NEG_ features and char n-grams for Chinese', () => {
    const terms = new Set(extractTerms('不是很满意', zh));
    expect(terms.has(word('满意'))).toBe(true);
    expect(terms.has(neg('NEG_满意'))).toBe(true);
    const chars = extractTerms('满意', { ...zh, wordNgrams: 0, negation: false });
    expect(chars.length).toBe(3); // 满, 意, 满意
  });

  it('marks negation scope in English word features', () => {
    const terms = new Set(extractTerms('not bad at all', en));
    expect(terms.has(word('not_bad'))).toBe(true);
    expect(terms.has(word('bad'))).toBe(false);
  });

  it('builds char n-grams inside words only, with boundary marks', () => {
    const terms = extractTerms('ab cd', { ...en, wordNgrams: 0, charNgrams: [2, 2] });
    // <ab> → <a ab b>, <cd> → <c cd d>: six bigrams, none across the space.
    expect(terms.length).toBe(6);
  });
});

describe('Vocabulary', () => {
  const docs = [
    countTerms(Uint32Array.of(1, 2, 2)),
    countTerms(Uint32Array.of(2, 3)),
    countTerms(Uint32Array.of(2, 4)),
  ];

  it('keeps terms by document frequency from training docs, with smoothed IDF', () => {
    const vocab = fitVocabulary(docs, { minDf: 2 });
    expect(Array.from(vocab.hashes)).toEqual([2]);
    expect(vocab.idf[0]).toBeCloseTo(Math.log(4 / 4) + 1, 6);
    expect(vocab.indexOf(3)).toBe(-1);
    const capped = fitVocabulary(docs, { minDf: 1, maxFeatures: 2 });
    expect(Array.from(capped.hashes)).toEqual([1, 2]);
  });

  it('vectorises with sublinear TF·IDF, L2-normalised', () => {
    const vocab = fitVocabulary(docs, { minDf: 1 });
    const row = vocab.vectorize(countTerms(Uint32Array.of(1, 2, 2, 99)), 'tfidf');
    expect(row.indices.length).toBe(2);
    let norm = 0;
    for (const v of row.values) norm += v * v;
    expect(norm).toBeCloseTo(1, 6);
    const idf1 = Math.log(4 / 2) + 1;
    const idf2 = (1 + Math.log(2)) * (Math.log(4 / 4) + 1);
    expect(row.values[0]! / row.values[1]!).toBeCloseTo(idf1 / idf2, 5);
  });
});

describe('Vocabulary.score (inference path)', () => {
  it('equals the dot product of the training-path vector with the weights', () => {
    for (const wordShare of [undefined, 0.3]) {
      const config: FeatureConfig = { ...zh, ...(wordShare === undefined ? {} : { wordShare }) };
      const docs = ['质量很好，非常满意', '太差了，再也不买了', '不是很满意'].map((t) =>
        countTerms(extractTerms(t, config)),
      );
      const vocab = fitVocabulary(docs.slice(0, 2), { minDf: 1 });
      const weights = Float32Array.from({ length: vocab.size * 2 }, (_, i) => Math.sin(i));
      const bias = [0.5, -0.25];
      for (const doc of docs) {
        const row = vocab.vectorize(doc, 'tfidf', wordShare);
        const expected = [...bias];
        row.indices.forEach((j, k) => {
          for (const c of [0, 1]) expected[c]! += row.values[k]! * weights[j * 2 + c]!;
        });
        const got = vocab.score(doc, 'tfidf', wordShare, weights, bias);
        expect(got[0]).toBeCloseTo(expected[0]!, 5);
        expect(got[1]).toBeCloseTo(expected[1]!, 5);
      }
    }
  });
});

describe('block normalisation (wordShare)', () => {
  it('gives word and character blocks their share of the norm, and keeps the block bit through domain copies', () => {
    const config: FeatureConfig = { ...zh, negation: false, wordShare: 0.25 };
    const doc = countTerms(extractTerms('很好很好', config));
    const vocab = fitVocabulary([doc], { minDf: 1 });
    const row = vocab.vectorize(doc, 'tfidf', 0.25);
    let words = 0;
    let chars = 0;
    row.indices.forEach((index, k) => {
      const v = row.values[k]! ** 2;
      if (vocab.hashes[index]! >= CHAR_BLOCK_BIT) chars += v;
      else words += v;
    });
    expect(words).toBeCloseTo(0.25, 5);
    expect(chars).toBeCloseTo(0.75, 5);
    const tagged = withDomain(doc, 'food');
    const charTerms = (terms: Uint32Array) => Array.from(terms).filter((t) => t >= CHAR_BLOCK_BIT).length;
    expect(charTerms(tagged.terms)).toBe(2 * charTerms(doc.terms));
  });
});

describe('withDomain', () => {
  it('adds a domain-tagged copy of every term, and nothing without a domain', () => {
    const doc = countTerms(Uint32Array.of(5, 6));
    expect(withDomain(doc, undefined)).toBe(doc);
    const tagged = withDomain(doc, 'hotel');
    expect(tagged.terms.length).toBe(4);
    expect(Array.from(tagged.terms)).toEqual([...tagged.terms].sort((a, b) => a - b));
    expect(Array.from(withDomain(doc, 'food').terms)).not.toEqual(Array.from(tagged.terms));
  });
});
