import { describe, expect, it } from 'vitest';
import { decodeArtefact, encodeArtefact } from '../model/artefact.js';
import { LinearTextClassifier } from '../model/classifier.js';
import { normalizeForAnalysis } from '../text/normalize.js';
import type { ModelSpec } from './spec.js';
import { type TrainingRow, trainTask } from './train-task.js';

const positive = [
  '质量很好',
  '非常满意',
  '很好吃',
  '服务很好',
  '物流很快',
  '性价比高',
  '很喜欢',
  '推荐购买',
  '干净整洁',
  '味道不错',
];
const negative = [
  '质量太差',
  '很不满意',
  '难吃',
  '服务很差',
  '物流太慢',
  '不值这个价',
  '不喜欢',
  '别买',
  '又脏又乱',
  '味道一般',
];

function rows(): TrainingRow[] {
  const out: TrainingRow[] = [];
  for (let i = 0; i < 6; i++) {
    for (const text of positive)
      out.push({
        text: `${text}${'！'.repeat(i)}第${i}次`,
        label: 'positive',
        dataset: 'fixture',
        domain: 'shop',
      });
    for (const text of negative)
      out.push({
        text: `${text}${'。'.repeat(i)}第${i}次`,
        label: 'negative',
        dataset: 'fixture',
        domain: 'shop',
      });
  }
  return out;
}

const spec: ModelSpec = {
  features: { language: 'zh', wordNgrams: 2, charNgrams: [1, 2], negation: true, dropStopWords: false },
  minDf: 1,
  weighting: 'tfidf',
  nb: true,
  learner: { kind: 'svm', C: 1, loss: 'l2' },
};

describe('trainTask on a tiny fixture', () => {
  it('selects, calibrates, refits and ships an artefact that reproduces its predictions', () => {
    const stages = new Set<string>();
    const corrections: TrainingRow[] = [
      { text: '一般般吧', label: 'negative', dataset: 'corrections', correction: true, weight: 3 },
    ];
    const result = trainTask({
      task: 'fixture',
      version: 'test',
      rows: [...rows(), ...corrections],
      candidates: [spec, { ...spec, learner: { kind: 'svm', C: 0.1, loss: 'l2' } }],
      domainAware: true,
      neutralBand: true,
      seed: 1,
      progress: (stage) => stages.add(stage),
    });
    expect(result.candidates).toHaveLength(2);
    expect(stages.has('final fit')).toBe(true);
    const header = result.artefact.header;
    expect(header.labels).toEqual(['negative', 'positive']);
    expect(header.columns).toBe(1);
    expect(header.domains).toEqual(['shop']);
    expect(header.training.corrections).toBe(1);
    expect(header.temperature).toBeGreaterThan(0);
    const model = new LinearTextClassifier(decodeArtefact(encodeArtefact(result.artefact)));
    expect(model.predict(normalizeForAnalysis('质量很好')).label).toBe('positive');
    expect(model.predict(normalizeForAnalysis('服务很差'), 'shop').label).toBe('negative');
    expect(model.predict(normalizeForAnalysis('一般般吧')).label).toBe('negative');
  });

  it('is deterministic', () => {
    const run = () =>
      trainTask({
        task: 'fixture',
        version: 'test',
        rows: rows(),
        candidates: [spec],
        domainAware: false,
        neutralBand: false,
        seed: 4,
        progress: () => {},
      }).artefact;
    const a = run();
    const b = run();
    expect(Array.from(a.quantized)).toEqual(Array.from(b.quantized));
    expect(a.header.weightScale).toEqual(b.header.weightScale);
  });
});
