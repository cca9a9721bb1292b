import { describe, expect, it } from 'vitest';
import { type Artefact, decodeArtefact, dequantize, encodeArtefact, quantizeColumn } from './artefact.js';
import { LinearTextClassifier, scoresToProbabilities } from './classifier.js';

describe('quantisation', () => {
  it('keeps small weights with square-law companding (relative error small near the scale)', () => {
    const values = [0.5, -0.25, 0.01, 0];
    const q = quantizeColumn(values, 0.5);
    expect(Array.from(q, (v) => dequantize(v, 0.5))[0]).toBeCloseTo(0.5, 6);
    expect(dequantize(q[1]!, 0.5)).toBeCloseTo(-0.25, 2);
    expect(dequantize(q[2]!, 0.5)).not.toBe(0);
    expect(q[3]).toBe(0);
  });
});

describe('artefact encoding', () => {
  const artefact: Artefact = {
    header: {
      format: 'closeloop-linear-v1',
      task: 'test',
      version: '1.0',
      createdAt: '2026-01-01T00:00:00.000Z',
      labels: ['negative', 'positive'],
      columns: 1,
      spec: {
        features: { language: 'en', wordNgrams: 1, charNgrams: null, negation: false, dropStopWords: false },
        minDf: 1,
        weighting: 'tfidf',
        nb: false,
        learner: { kind: 'svm', C: 1, loss: 'l2' },
      },
      features: 3,
      weightScale: [2],
      bias: [0.1],
      temperature: 1.5,
      domains: [],
      settings: { neutralBand: 0.2 },
      training: {},
    },
    hashes: Uint32Array.of(7, 4_000_000_000, 4_294_967_295).sort(),
    idf: Float32Array.of(1, 2.5, 7.25),
    quantized: Int8Array.of(127, -64, 0),
  };

  it('round-trips header and arrays', () => {
    const decoded = decodeArtefact(encodeArtefact(artefact));
    expect(decoded.header).toEqual(artefact.header);
    expect(Array.from(decoded.hashes)).toEqual(Array.from(artefact.hashes));
    expect(Array.from(decoded.idf)).toEqual(Array.from(artefact.idf));
    expect(Array.from(decoded.quantized)).toEqual(Array.from(artefact.quantized));
  });

  it('rejects other files', () => {
    expect(() => decodeArtefact(Buffer.from('hello'))).toThrow();
  });

  it('gives probabilities that sum to one', () => {
    const model = new LinearTextClassifier(decodeArtefact(encodeArtefact(artefact)));
    const p = model.predict('anything');
    expect((p.probabilities.negative ?? 0) + (p.probabilities.positive ?? 0)).toBeCloseTo(1, 9);
    const soft = scoresToProbabilities(Float64Array.of(1, 2, 3), 2);
    expect(soft.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(soft[2]! / soft[1]!).toBeCloseTo(Math.exp(2), 6);
  });
});
