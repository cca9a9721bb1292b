import { AppError } from '../../platform/http/errors.js';

/** One step of a path: an object key or an array index. */
export type PathStep = string | number;

const MAX_PATH_LENGTH = 200;
const MAX_STEPS = 16;
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*/;
const INDEX = /^\[(\d{1,6})\]/;
const QUOTED = /^\[(?:'([^'\\]{1,100})'|"([^"\\]{1,100})")\]/;

/**
 * Parses the tiny path syntax used by webhook mappings: `$` followed by `.name`, `[0]` or `['odd key']`
 * steps (e.g. `$.message.text`, `$.entries[0].sender.phone`). No wildcards, filters or expressions.
 */
export function parseJsonPath(path: string): PathStep[] {
  const invalid = () => new AppError('invalid_json_path', { params: { path }, details: [{ path }] });
  if (path.length > MAX_PATH_LENGTH || !path.startsWith('$')) throw invalid();
  const steps: PathStep[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const name = rest.startsWith('.') ? NAME.exec(rest.slice(1)) : null;
    const index = name ? null : INDEX.exec(rest);
    const quoted = name || index ? null : QUOTED.exec(rest);
    if (name) {
      steps.push(name[0]);
      rest = rest.slice(1 + name[0].length);
    } else if (index) {
      steps.push(Number(index[1]));
      rest = rest.slice(index[0].length);
    } else if (quoted) {
      steps.push((quoted[1] ?? quoted[2]) as string);
      rest = rest.slice(quoted[0].length);
    } else {
      throw invalid();
    }
    if (steps.length > MAX_STEPS) throw invalid();
  }
  return steps;
}

/** The value at `steps`, reading only own properties (never the prototype chain); undefined when absent. */
export function readJsonPath(document: unknown, steps: readonly PathStep[]): unknown {
  let current: unknown = document;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(current) || step >= current.length) return undefined;
      current = current[step];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
      if (!Object.hasOwn(current, step)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}
