import type { Module } from '../module.js';
import { triageNewItemHandler } from './subscribers/on-feedback-created.js';
import { recordCorrectionHandler } from './subscribers/on-feedback-updated.js';
import { RECORD_CORRECTION_JOB, TRIAGE_JOB } from './triage.events.js';
import { triageRoutes } from './triage.routes.js';

export { parseAmounts } from './amounts.js';
export { exportCorrections } from './commands/record-correction.js';
export {
  compileRuleRows,
  decideRouting,
  loadRules,
  type RoutingSource,
  runTriage,
  toOutcome,
} from './commands/run-triage.js';
export { decideTriage, type TriageDecision, type TriageSubject } from './decide.js';
export { DEFAULT_RULES, seedDefaultTriage } from './default-rules.js';
export { type CompiledRule, compileRule } from './rules.js';
export { RECORD_CORRECTION_JOB, TRIAGE_JOB } from './triage.events.js';

/** Automatic nature, business area, tags, priority with reasons and routing of new items; rules; corrections. */
export const triageModule: Module = {
  name: 'triage',
  routes: triageRoutes,
  registerJobs(ctx) {
    ctx.subscribers.register(TRIAGE_JOB, triageNewItemHandler(ctx), 'feedback.created');
    ctx.subscribers.register(RECORD_CORRECTION_JOB, recordCorrectionHandler(ctx), 'feedback.updated');
  },
};
