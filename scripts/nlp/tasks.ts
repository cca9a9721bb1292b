import type { FeatureConfig } from '../../server/modules/nlp/features/extract.js';
import type { MemberDefinition } from '../../server/modules/nlp/training/ensemble.js';
import type { ModelSpec } from '../../server/modules/nlp/training/spec.js';
import type { LabeledText } from '../../server/modules/nlp/training/types.js';
import { type DatasetSpec, loadSplit, SENTIMENT_01, type Split } from './datasets.js';

export type TaskName = 'sentiment_zh' | 'category_zh' | 'sentiment_en' | 'intent_en';

export interface EvalSet {
  dataset: string;
  spec: DatasetSpec;
}

export interface TaskDefinition {
  name: TaskName;
  language: 'zh' | 'en';
  /** Training sources (their TRAIN splits are unioned). */
  sources: EvalSet[];
  /**
   * Ensemble members: each picks its best candidate spec on validation and is retrained on all of
   * TRAIN; the pool weights per domain hint are then chosen on validation.
   */
  members: MemberDefinition[];
  /** Two-label sentiment: choose a neutral score band on validation. */
  neutralBand: boolean;
}

const zhFeatures = (o: Partial<FeatureConfig> = {}): FeatureConfig => ({
  language: 'zh',
  wordNgrams: 2,
  charNgrams: [1, 3],
  negation: true,
  dropStopWords: false,
  ...o,
});
const enFeatures = (o: Partial<FeatureConfig> = {}): FeatureConfig => ({
  language: 'en',
  wordNgrams: 2,
  charNgrams: [2, 5],
  negation: true,
  dropStopWords: false,
  ...o,
});
const svm = (C: number): ModelSpec['learner'] => ({ kind: 'svm', C, loss: 'l2' });

const shopping = 'online_shopping_10_cats';

export const TASKS: Record<TaskName, TaskDefinition> = {
  sentiment_zh: {
    name: 'sentiment_zh',
    language: 'zh',
    neutralBand: true,
    members: [
      {
        name: 'joint',
        domainAware: true,
        candidates: [0.3, 0.6].map((C) => ({
          features: zhFeatures(),
          minDf: 2,
          maxFeatures: 800_000,
          weighting: 'tfidf',
          nb: true,
          learner: svm(C),
        })),
      },
    ],
    sources: [
      {
        dataset: shopping,
        spec: {
          dataset: shopping,
          textColumn: 'review',
          labelColumn: 'label',
          mapLabel: SENTIMENT_01,
          domain: () => 'shopping',
        },
      },
      {
        dataset: 'waimai_10k',
        spec: {
          dataset: 'waimai_10k',
          textColumn: 'review',
          labelColumn: 'label',
          mapLabel: SENTIMENT_01,
          domain: () => 'food',
        },
      },
      {
        dataset: 'ChnSentiCorp_htl_all',
        spec: {
          dataset: 'ChnSentiCorp_htl_all',
          textColumn: 'review',
          labelColumn: 'label',
          mapLabel: SENTIMENT_01,
          domain: () => 'hotel',
        },
      },
    ],
  },
  category_zh: {
    name: 'category_zh',
    language: 'zh',
    neutralBand: false,
    members: [
      {
        name: 'svm',
        candidates: [false, true].map((nb) => ({
          features: zhFeatures({ negation: false }),
          minDf: 2,
          maxFeatures: 250_000,
          weighting: 'tfidf',
          nb,
          learner: svm(0.3),
        })),
      },
    ],
    sources: [{ dataset: shopping, spec: { dataset: shopping, textColumn: 'review', labelColumn: 'cat' } }],
  },
  sentiment_en: {
    name: 'sentiment_en',
    language: 'en',
    neutralBand: false,
    members: [
      {
        name: 'svm',
        candidates: [0.3, 0.6].map((C) => ({
          features: enFeatures({ keepHandles: true }),
          minDf: 2,
          weighting: 'binary',
          nb: true,
          learner: svm(C),
        })),
      },
    ],
    sources: [
      {
        dataset: 'twitter_airline_sentiment',
        spec: {
          dataset: 'twitter_airline_sentiment',
          textColumn: 'text',
          labelColumn: 'airline_sentiment',
        },
      },
    ],
  },
  intent_en: {
    name: 'intent_en',
    language: 'en',
    neutralBand: false,
    members: [
      {
        name: 'svm',
        candidates: [1, 3].map((C) => ({
          features: enFeatures(),
          minDf: 1,
          weighting: 'tfidf',
          nb: false,
          learner: svm(C),
        })),
      },
    ],
    sources: [
      { dataset: 'banking77', spec: { dataset: 'banking77', textColumn: 'text', labelColumn: 'category' } },
    ],
  },
};

/** Rows of every source of a task for one split, each tagged with its dataset. */
export function loadTask(task: TaskDefinition, split: Split): Array<LabeledText & { dataset: string }> {
  return task.sources.flatMap((source) =>
    loadSplit(source.spec, split).map((row) => ({ ...row, dataset: source.dataset })),
  );
}
