import {
  COMPLAINT,
  FEATURE_REQUEST,
  INQUIRY_OPENER,
  matchCues,
  QUESTION,
  STRONG_COMPLAINT,
  SUGGESTION,
} from './nature-cues.js';
import type { Sentiment } from './sentiment.js';

export type Nature = 'complaint' | 'suggestion' | 'inquiry' | 'praise';

export interface NatureResult {
  label: Nature;
  /** The deciding rule first, then every other cue or signal that fired. */
  evidence: string[];
}

export interface NatureModelVote {
  label: Nature;
  confidence: number;
}

/** Minimum confidence for the model learnt from agents' corrections to decide on its own. */
export const NATURE_MODEL_THRESHOLD = 0.8;
/** A question this negative is a complaint phrased as a question ("为什么还没到？"). */
export const RHETORICAL_QUESTION_SCORE = -0.6;

/**
 * Nature by ordered rules (first match decides):
 *  1. the model learnt from agents' corrections, when one is shipped and its confidence ≥ 0.8;
 *  2. strong complaint cues (投诉, 太差, 骗子, terrible, scam …) → complaint;
 *  3. feature-request cues (能否增加, 能不能加, please add, it would be nice …) → suggestion;
 *  4. general suggestion cues (建议, 希望能, suggest …) → suggestion, unless a complaint cue also fired;
 *  5. inquiry openers (请问, 如何, how do I, can I …) → inquiry;
 *  6. complaint cues (退款, 没收到, not received, refund, broken …) → complaint;
 *  7. question marks or particles (?, 吗, 呢) → inquiry, unless sentiment ≤ −0.6 (then complaint);
 *  8. negative sentiment → complaint; 9. positive sentiment → praise; 10. otherwise → inquiry.
 * `text` is normalised (lower case); `expanded` adds English contractions spelt out ("has not").
 */
export function classifyNature(
  text: string,
  expanded: string,
  sentiment: Sentiment,
  model?: NatureModelVote,
): NatureResult {
  const find = (cues: Parameters<typeof matchCues>[1]) => [
    ...new Set([...matchCues(text, cues), ...matchCues(expanded, cues)]),
  ];
  const strong = find(STRONG_COMPLAINT);
  const request = find(FEATURE_REQUEST);
  const suggestion = find(SUGGESTION);
  const opener = find(INQUIRY_OPENER);
  const complaint = find(COMPLAINT);
  const question = find(QUESTION);
  const sentimentNote = `sentiment ${sentiment.label} (${sentiment.score})`;
  const fired = [
    // A model vote too hesitant to decide is still shown.
    ...(model && model.confidence < NATURE_MODEL_THRESHOLD
      ? [`nature model ${model.label} (${model.confidence.toFixed(2)}, below ${NATURE_MODEL_THRESHOLD})`]
      : []),
    ...strong.map((c) => `complaint cue "${c}"`),
    ...request.map((c) => `feature request cue "${c}"`),
    ...suggestion.map((c) => `suggestion cue "${c}"`),
    ...opener.map((c) => `inquiry cue "${c}"`),
    ...complaint.map((c) => `complaint cue "${c}"`),
    ...question.map((c) => `question cue "${c}"`),
  ];
  const decide = (label: Nature, reason: string): NatureResult => ({
    label,
    evidence: [reason, ...fired.filter((e) => e !== reason), sentimentNote].filter(
      (e, i, all) => all.indexOf(e) === i,
    ),
  });

  if (model && model.confidence >= NATURE_MODEL_THRESHOLD) {
    return decide(model.label, `nature model ${model.label} (${model.confidence.toFixed(2)})`);
  }
  if (strong.length > 0) return decide('complaint', `complaint cue "${strong[0]}"`);
  if (request.length > 0) return decide('suggestion', `feature request cue "${request[0]}"`);
  if (suggestion.length > 0 && complaint.length === 0)
    return decide('suggestion', `suggestion cue "${suggestion[0]}"`);
  if (opener.length > 0) return decide('inquiry', `inquiry cue "${opener[0]}"`);
  if (complaint.length > 0) return decide('complaint', `complaint cue "${complaint[0]}"`);
  if (question.length > 0) {
    if (sentiment.score <= RHETORICAL_QUESTION_SCORE) return decide('complaint', sentimentNote);
    return decide('inquiry', `question cue "${question[0]}"`);
  }
  if (sentiment.label === 'negative') return decide('complaint', sentimentNote);
  if (sentiment.label === 'positive') return decide('praise', sentimentNote);
  return decide('inquiry', 'no cue, neutral sentiment');
}
