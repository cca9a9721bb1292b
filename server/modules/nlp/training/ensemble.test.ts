import { describe, expect, it } from 'vitest';
import { decodeEnsemble, EnsembleClassifier, encodeEnsemble, poolProbabilities } from '../model/ensemble.js';
import { loadClassifier } from '../model/registry.js';
import { normalizeForAnalysis } from '../text/normalize.js';
import { trainEnsemble } from './ensemble.js';
import type { ModelSpec } from './spec.js';
import type { TrainingRow } from './train-task.js';

const good = ['质量很好', '非常满意', '很好吃', '服务很好', '物流很快', '性价比高', '很喜欢', '推荐购买'];
const bad = ['质量太差', '很不满意', '难吃', '服务很差', '物流太慢', '不值这个价', '不喜欢', '别买'];

function rows(): TrainingRow[] {
  const out: TrainingRow[] = [];
  for (let i = 0; i < 8; i++)
    for (const [domain, suffix] of [
      ['shop', '购物'],
      ['food', '外卖'],
    ] as const) {
      for (const text of good)
        out.push({
          text: `${text}${suffix}${'！'.repeat(i)}${i}`,
          label: 'positive',
          dataset: domain,
          domain,
        });
      for (const text of bad)
        out.push({
          text: `${text}${suffix}${'。'.repeat(i)}${i}`,
          label: 'negative',
          dataset: domain,
          domain,
        });
    }
  return out;
}

const features: ModelSpec['features'] = {
  language: 'zh',
  wordNgrams: 2,
  charNgrams: [1, 2],
  negation: true,
  dropStopWords: false,
};
const svm: ModelSpec = {
  features,
  minDf: 1,
  weighting: 'tfidf',
  nb: true,
  learner: { kind: 'svm', C: 1, loss: 'l2' },
};
const mlp: ModelSpec = {
  features,
  minDf: 1,
  weighting: 'tfidf',
  nb: false,
  learner: { kind: 'mlp', hidden: 8, epochs: 20, learningRate: 0.1 },
};

describe('pruneEnsemble', () => {
  it('drops members that no hint weighs', () => {
    const result = trainEnsemble({
      task: 'fixture',
      version: 'test',
      rows: rows(),
      members: [
        { name: 'a', candidates: [svm] },
        { name: 'b', candidates: [svm] },
      ],
      neutralBand: false,
      seed: 1,
      weightStep: 1,
      progress: () => {},
    });
    expect(result.artefact.header.members).toHaveLength(1);
    expect(result.artefact.members).toHaveLength(1);
    expect(result.artefact.header.weights['']).toEqual([1]);
  });
});

describe('poolProbabilities', () => {
  it('is the renormalised weighted geometric mean, ignoring unused members', () => {
    const p = poolProbabilities([Float64Array.of(0.8, 0.2), null, Float64Array.of(0.5, 0.5)], [1, 1, 0], 1);
    expect(p[0]).toBeCloseTo(0.8);
    const q = poolProbabilities([Float64Array.of(0.9, 0.1), Float64Array.of(0.1, 0.9)], [0.5, 0.5], 1);
    expect(q[0]).toBeCloseTo(0.5);
  });
});

describe('trainEnsemble on a tiny fixture', () => {
  it('trains members (linear, MLP, per-domain), picks weights per hint and ships a working artefact', () => {
    const result = trainEnsemble({
      task: 'fixture',
      version: 'test',
      rows: rows(),
      members: [
        { name: 'joint', candidates: [svm], domainAware: true },
        { name: 'mlp', candidates: [mlp] },
        { name: 'food', candidates: [svm], onlyDomain: 'food' },
      ],
      neutralBand: true,
      seed: 3,
      weightStep: 0.5,
      progress: () => {},
    });
    const header = result.artefact.header;
    expect(header.labels).toEqual(['negative', 'positive']);
    expect(header.domains).toEqual(['food', 'shop']);
    // The food-only member never weighs outside the food hint (and members no hint uses are pruned).
    const food = header.members.findIndex((m) => m.name === 'food');
    if (food >= 0) {
      expect(header.members[food]!.onlyDomain).toBe('food');
      expect(header.weights['']![food]).toBe(0);
      expect(header.weights.shop![food]).toBe(0);
    }
    for (const w of Object.values(header.weights)) expect(w).toHaveLength(header.members.length);
    for (const w of Object.values(header.weights)) expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    const bytes = encodeEnsemble(result.artefact);
    expect(decodeEnsemble(bytes).members).toHaveLength(header.members.length);
    const model = loadClassifier(bytes);
    expect(model).toBeInstanceOf(EnsembleClassifier);
    expect(model.predict(normalizeForAnalysis('质量很好')).label).toBe('positive');
    expect(model.predict(normalizeForAnalysis('服务很差外卖'), 'food').label).toBe('negative');
    const p = model.predict(normalizeForAnalysis('很喜欢'), 'unknown-domain').probabilities;
    expect((p.positive ?? 0) + (p.negative ?? 0)).toBeCloseTo(1);
  });
});

describe('sub-domain hints', () => {
  it('pools "shop/<category>" rows under the "shop" weights and scores with the sub-domain copies', () => {
    const data = rows().map((r, i) =>
      r.domain === 'shop' ? { ...r, domain: `shop/${i % 2 ? 'x' : 'y'}` } : r,
    );
    const result = trainEnsemble({
      task: 'fixture',
      version: 'test',
      rows: data,
      members: [{ name: 'joint', candidates: [svm], domainAware: true }],
      neutralBand: false,
      seed: 3,
      weightStep: 1,
      progress: () => {},
    });
    const header = result.artefact.header;
    expect(header.domains).toEqual(['food', 'shop']);
    expect(Object.keys(header.weights).sort()).toEqual(['', 'food', 'shop']);
    expect(result.artefact.members[0]!.header.domains).toEqual(['food', 'shop/x', 'shop/y']);
    const model = new EnsembleClassifier(result.artefact);
    expect(model.knowsDomain('shop/x')).toBe(true);
    // No member has copies for the bare top-level hint: the no-hint path is taken.
    expect(model.knowsDomain('shop')).toBe(false);
    expect(model.knowsDomain('shop/unknown')).toBe(false);
    expect(model.predict(normalizeForAnalysis('质量很好购物'), 'shop/x').label).toBe('positive');
    expect(model.predict(normalizeForAnalysis('质量太差购物'), 'shop/y').label).toBe('negative');
    // A soft hint mixes the per-sub-domain predictions by the given weights.
    // (this text scores negative under the "shop/x" copies and positive under "shop/y")
    const text = normalizeForAnalysis('物流很快服务很差');
    const px = model.predict(text, 'shop/x').probabilities.positive!;
    const py = model.predict(text, 'shop/y').probabilities.positive!;
    expect(px).toBeLessThan(0.5);
    expect(py).toBeGreaterThan(0.5);
    expect(model.predictMixture(text, [['shop/x', 1]]).probabilities.positive).toBeCloseTo(px, 12);
    const mixed = model.predictMixture(text, [
      ['shop/x', 0.3],
      ['shop/y', 0.6],
    ]);
    expect(mixed.probabilities.positive).toBeCloseTo((0.3 * px + 0.6 * py) / 0.9, 12);
    expect(mixed.label).toBe('positive');
    expect(
      model.predictMixture(text, [
        ['shop/x', 0.6],
        ['shop/y', 0.3],
      ]).label,
    ).toBe('negative');
    // No usable weight: the no-hint prediction.
    expect(model.predictMixture(text, [['shop/x', 0]]).probabilities.positive).toBeCloseTo(
      model.predict(text).probabilities.positive!,
      12,
    );
  });
});
