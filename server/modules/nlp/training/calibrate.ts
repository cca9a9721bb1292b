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

/** Temperature minimising validation NLL (golden-section search on log T over [0.01, 100]); 1 without data. */
export function fitTemperature(scores: readonly Float64Array[], y: Int32Array): number {
  // Nothing to calibrate on (e.g. a model trained from corrections only): leave scores as they are.
  if (scores.length === 0) return 1;
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
 * Neutral band for a two-label sentiment score s = 2p − 1, grown from 0 ring by ring (0.05 wide,
 * merged until a ring holds `minRing` validation texts): a ring joins the band while the model is
 * near chance in it (right at most `maxAccuracy` of the time) and the band holds at most `maxShare`
 * of the validation set. Capped at 0.5.
 */
export function chooseNeutralBand(
  sentimentScores: readonly number[],
  correct: readonly boolean[],
  { maxAccuracy = 0.6, maxShare = 0.15, minRing = 20, step = 0.05 } = {},
): number {
  const n = sentimentScores.length;
  let band = 0;
  let inBand = 0;
  let lo = 0;
  for (let k = 1; k * step <= 0.5 + 1e-9; k++) {
    const hi = k * step;
    let count = 0;
    let right = 0;
    sentimentScores.forEach((s, i) => {
      const a = Math.abs(s);
      if (a >= lo && a < hi) {
        count++;
        if (correct[i]) right++;
      }
    });
    if (count < minRing) continue;
    if (right / count > maxAccuracy || (inBand + count) / n > maxShare) break;
    band = Number(hi.toFixed(2));
    inBand += count;
    lo = hi;
  }
  return band;
}
