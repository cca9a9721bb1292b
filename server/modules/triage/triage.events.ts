/** Job: triage a new item (on feedback.created). */
export const TRIAGE_JOB = 'triage.run';
/** Job: keep an agent's nature override as a training correction (on feedback.updated). */
export const RECORD_CORRECTION_JOB = 'triage.record-correction';
