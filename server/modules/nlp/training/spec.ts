import type { FeatureConfig } from '../features/extract.js';
import type { TermWeighting } from '../features/vocabulary.js';

export type LearnerSpec =
  | { kind: 'svm'; C: number; loss: 'l1' | 'l2' }
  | { kind: 'softmax'; lambda: number; maxIterations: number }
  | {
      kind: 'mlp';
      hidden: number;
      epochs: number;
      learningRate: number;
      l2?: number;
      dropout?: number;
      initScale?: number;
    };

/** Everything that decides one trained classifier (besides the data). */
export interface ModelSpec {
  features: FeatureConfig;
  minDf: number;
  maxFeatures?: number;
  weighting: TermWeighting;
  /** Scale features by naive-Bayes log-count ratios (NB-SVM), per class for one-vs-rest. */
  nb: boolean;
  learner: LearnerSpec;
}

export function describeSpec(spec: ModelSpec): string {
  const f = spec.features;
  const chars = f.charNgrams ? `c${f.charNgrams[0]}-${f.charNgrams[1]}` : 'c-';
  const l = spec.learner;
  const learner =
    l.kind === 'svm'
      ? `svm-${l.loss} C=${l.C}`
      : l.kind === 'softmax'
        ? `softmax λ=${l.lambda}`
        : `mlp h=${l.hidden} e=${l.epochs} lr=${l.learningRate}${l.dropout ? ` drop=${l.dropout}` : ''}${l.l2 ? ` l2=${l.l2}` : ''}${l.initScale !== undefined ? ` init=${l.initScale}` : ''}`;
  return `w1-${f.wordNgrams} ${chars}${f.wordShare !== undefined ? ` share${f.wordShare}` : ''}${f.negation ? ' neg' : ''}${f.dropStopWords ? ' -stop' : ''} df≥${spec.minDf}${
    spec.maxFeatures ? ` max${spec.maxFeatures}` : ''
  } ${spec.weighting}${spec.nb ? '+nb' : ''} ${learner}`;
}
