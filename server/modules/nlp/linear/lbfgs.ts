export interface LbfgsOptions {
  maxIterations?: number;
  /** History pairs kept. */
  memory?: number;
  /** Stop when ‖g‖∞ falls below this. */
  gradientTolerance?: number;
  /** Stop when the relative decrease of f over one iteration falls below this. */
  relativeTolerance?: number;
  onIteration?: (iteration: number, value: number) => void;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  history: number[];
}

/** Objective: writes ∇f(x) into `grad` and returns f(x). */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Limited-memory BFGS with Armijo backtracking, for smooth convex objectives. */
export function minimizeLbfgs(f: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const { maxIterations = 200, memory = 10, gradientTolerance = 1e-6, relativeTolerance = 1e-7 } = options;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let value = f(x, g);
  const history = [value];
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rhoList: number[] = [];
  const dir = new Float64Array(n);
  const alphas = new Float64Array(memory);
  let iteration = 0;
  for (; iteration < maxIterations; iteration++) {
    let gMax = 0;
    for (const v of g) gMax = Math.max(gMax, Math.abs(v));
    if (gMax < gradientTolerance) break;
    // Two-loop recursion: dir = −H·g.
    for (let i = 0; i < n; i++) dir[i] = -g[i]!;
    for (let m = sList.length - 1; m >= 0; m--) {
      const a = rhoList[m]! * dot(sList[m]!, dir);
      alphas[m] = a;
      const ym = yList[m]!;
      for (let i = 0; i < n; i++) dir[i]! -= a * ym[i]!;
    }
    if (sList.length > 0) {
      const last = sList.length - 1;
      const gamma = dot(sList[last]!, yList[last]!) / dot(yList[last]!, yList[last]!);
      for (let i = 0; i < n; i++) dir[i]! *= gamma;
    }
    for (let m = 0; m < sList.length; m++) {
      const beta = rhoList[m]! * dot(yList[m]!, dir);
      const sm = sList[m]!;
      const coef = alphas[m]! - beta;
      for (let i = 0; i < n; i++) dir[i]! += coef * sm[i]!;
    }
    let slope = dot(g, dir);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sList.length = 0;
      yList.length = 0;
      rhoList.length = 0;
      for (let i = 0; i < n; i++) dir[i] = -g[i]!;
      slope = dot(g, dir);
    }
    let step = sList.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    const xNext = new Float64Array(n);
    const gNext = new Float64Array(n);
    let next = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNext[i] = x[i]! + step * dir[i]!;
      next = f(xNext, gNext);
      if (next <= value + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(next < value)) break;
    const s = new Float64Array(n);
    const yv = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNext[i]! - x[i]!;
      yv[i] = gNext[i]! - g[i]!;
    }
    const sy = dot(s, yv);
    if (sy > 1e-12) {
      if (sList.length === memory) {
        sList.shift();
        yList.shift();
        rhoList.shift();
      }
      sList.push(s);
      yList.push(yv);
      rhoList.push(1 / sy);
    }
    const decrease = (value - next) / Math.max(Math.abs(value), 1e-12);
    x = xNext;
    g = gNext;
    value = next;
    history.push(value);
    options.onIteration?.(iteration + 1, value);
    if (decrease < relativeTolerance) {
      iteration++;
      break;
    }
  }
  return { x, value, iterations: iteration, history };
}
