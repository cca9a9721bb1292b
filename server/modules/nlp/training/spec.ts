import type { FeatureConfig } from '../features/extract.js';
import type { TermWeighting } from '../features/vocabulary.js';

export type LearnerSpec =
  | { kind: 'svm'; C: number; loss: 'l1' | 'l2' }
  | { kind: 'softmax'; lambda: number; maxIterations: number };

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
  const learner =
    spec.learner.kind === 'svm'
      ? `svm-${spec.learner.loss} C=${spec.learner.C}`
      : `softmax λ=${spec.learner.lambda}`;
  return `w1-${f.wordNgrams} ${chars}${f.wordShare !== undefined ? ` share${f.wordShare}` : ''}${f.negation ? ' neg' : ''}${f.dropStopWords ? ' -stop' : ''} df≥${spec.minDf}${
    spec.maxFeatures ? ` max${spec.maxFeatures}` : ''
  } ${spec.weighting}${spec.nb ? '+nb' : ''} ${learner}`;
}
