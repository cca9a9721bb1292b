import { CANNED_VARIABLES, type CannedVariable } from '../../../shared/contracts/canned.js';
import { AppError } from '../../platform/http/errors.js';

/**
 * The one template engine of the product (canned responses and customer message templates): `{{ name }}`
 * with optional spaces inside the braces; names are dotted identifiers. Nothing is evaluated.
 */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const KNOWN: ReadonlySet<string> = new Set(CANNED_VARIABLES);

/** Every placeholder name a text uses, known or not, in order of first use. */
export function placeholdersOf(body: string): string[] {
  const found: string[] = [];
  for (const match of body.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!found.includes(name)) found.push(name);
  }
  return found;
}

/** The names a text uses that are not in `known` (all of them, in order of first use). */
export function unknownVariables(body: string, known: readonly string[]): string[] {
  return placeholdersOf(body).filter((name) => !known.includes(name));
}

/** The variables a body uses, in order of first use; 400 canned_variable_unknown names the first unknown one. */
export function variablesOf(body: string): CannedVariable[] {
  const names = placeholdersOf(body);
  const unknown = names.find((name) => !KNOWN.has(name));
  if (unknown !== undefined) throw new AppError('canned_variable_unknown', { params: { name: unknown } });
  return names as CannedVariable[];
}

/**
 * Replaces every placeholder with its value as plain text, in one pass: a value that itself contains
 * `{{…}}` (a customer named so) is not expanded again. A name without a value is refused
 * (400 canned_variable_unknown): texts are checked when saved, so this only guards against a bug.
 */
export function fillTemplate(body: string, values: Readonly<Record<string, string>>): string {
  return body.replace(PLACEHOLDER, (_all, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) throw new AppError('canned_variable_unknown', { params: { name } });
    return value;
  });
}

/** A canned response's body with the canned variables filled in (see fillTemplate). */
export function renderTemplate(body: string, values: Readonly<Record<CannedVariable, string>>): string {
  return fillTemplate(body, values);
}
