import { scoresToProbabilities } from '../model/classifier.js';

/** Mean negative log-likelihood of the true labels at one temperature. */
export function meanNll(scores: readonly Float64Array[], y: Int32Array, temperature: number): number {
  let sum = 0;
  scores.forEach((s, i) => {
    const p = scoresToProbabilities(s, temperature)[y[i]!]!;
    sum -= Math.log(Math.max(p, 1e-12));
  });
  return sum / Math.max(scores.length, 1);
}

/** Temperature minimising validation NLL (golden-section search on log T over [0.01, 100]). */
export function fitTemperature(scores: readonly Float64Array[], y: Int32Array): number {
  let lo = Math.log(0.01);
  let hi = Math.log(100);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = meanNll(scores, y, Math.exp(a));
  let fb = meanNll(scores, y, Math.exp(b));
  for (let i = 0; i < 60; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = meanNll(scores, y, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = meanNll(scores, y, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * Neutral band for a two-label sentiment score s = 2p − 1: the widest b (step 0.05, at most 0.5) such
 * that validation texts with |s| < b are right at most `maxAccuracy` of the time (the model is close
 * to guessing there) and make up at most `maxShare` of the validation set.
 */
export function chooseNeutralBand(
  sentimentScores: readonly number[],
  correct: readonly boolean[],
  maxAccuracy = 0.75,
  maxShare = 0.15,
): number {
  let best = 0;
  for (let b = 0.05; b <= 0.5 + 1e-9; b += 0.05) {
    let inBand = 0;
    let right = 0;
    sentimentScores.forEach((s, i) => {
      if (Math.abs(s) < b) {
        inBand++;
        if (correct[i]) right++;
      }
    });
    if (inBand === 0) continue;
    if (right / inBand <= maxAccuracy && inBand / sentimentScores.length <= maxShare)
      best = Number(b.toFixed(2));
  }
  return best;
}
