import { CANNED_VARIABLES, type CannedVariable } from '../../../shared/contracts/canned.js';
import { AppError } from '../../platform/http/errors.js';

/** `{{ name }}` with optional spaces inside the braces; names are dotted identifiers. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const KNOWN: ReadonlySet<string> = new Set(CANNED_VARIABLES);

/** The variables a body uses, in order of first use; 400 canned_variable_unknown names the first unknown one. */
export function variablesOf(body: string): CannedVariable[] {
  const found: CannedVariable[] = [];
  for (const match of body.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!KNOWN.has(name)) throw new AppError('canned_variable_unknown', { params: { name } });
    if (!found.includes(name as CannedVariable)) found.push(name as CannedVariable);
  }
  return found;
}

/**
 * Replaces every placeholder with its value as plain text, in one pass: a value that itself contains
 * `{{…}}` (a customer named so) is not expanded again, and nothing is evaluated.
 */
export function renderTemplate(body: string, values: Readonly<Record<CannedVariable, string>>): string {
  return body.replace(PLACEHOLDER, (_all, name: string) => {
    if (!KNOWN.has(name)) throw new AppError('canned_variable_unknown', { params: { name } });
    return values[name as CannedVariable];
  });
}
