import type { Module } from '../module.js';
import { surveysRoutes } from './surveys.routes.js';

export { customerSatisfaction, netPromoterScore } from './score.js';

/** Survey answers (NPS / CSAT) and their summaries; the widget's pop-up is the first distribution channel. */
export const surveysModule: Module = {
  name: 'surveys',
  routes: surveysRoutes,
};
