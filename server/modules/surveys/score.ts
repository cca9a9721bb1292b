import type { z } from 'zod';
import type { ZSurveySummary } from '../../../shared/contracts/surveys.js';

type Summary = z.infer<typeof ZSurveySummary>;
type Counts = { score: number; count: number }[];

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Net Promoter Score: % of 9–10 minus % of 0–6 answers (7–8 are passives), rounded to 0.1. */
export function netPromoterScore(counts: Counts): Summary['nps'] {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const { score, count } of counts) {
    if (score >= 9) promoters += count;
    else if (score >= 7) passives += count;
    else detractors += count;
  }
  const responses = promoters + passives + detractors;
  return {
    responses,
    promoters,
    passives,
    detractors,
    score: responses === 0 ? null : round1(((promoters - detractors) / responses) * 100),
  };
}

/** CSAT on 1–5: share of 4 and 5 (the usual "satisfied" definition) and the mean, rounded to 0.1 / 0.01. */
export function customerSatisfaction(counts: Counts): Summary['csat'] {
  let responses = 0;
  let satisfied = 0;
  let sum = 0;
  for (const { score, count } of counts) {
    responses += count;
    sum += score * count;
    if (score >= 4) satisfied += count;
  }
  const distribution = [1, 2, 3, 4, 5].map((score) => ({
    score,
    count: counts.find((c) => c.score === score)?.count ?? 0,
  }));
  return {
    responses,
    satisfiedPercent: responses === 0 ? null : round1((satisfied / responses) * 100),
    mean: responses === 0 ? null : Math.round((sum / responses) * 100) / 100,
    distribution,
  };
}
