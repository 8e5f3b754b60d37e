/**
 * Minimises a smooth function of many variables by L-BFGS (Nocedal & Wright, Algorithm 7.4 with the
 * two-loop recursion) and a backtracking Armijo line search. Plain float64 arithmetic in a fixed order,
 * so the same inputs give bit-identical results on the same JavaScript engine.
 *
 * @param options.evaluate returns f(x) and writes ∇f(x) into `gradient`.
 * @param options.tolerance stop once every gradient component is below this in absolute value.
 * @param options.onIteration called after each iteration; may be async (to yield or check a signal).
 * @returns the best point found and how many iterations ran.
 */
export async function minimiseLbfgs(options: {
  start: Float64Array;
  evaluate: (x: Float64Array, gradient: Float64Array) => number;
  maxIterations: number;
  tolerance: number;
  memory?: number;
  onIteration?: (iteration: number) => void | Promise<void>;
}): Promise<{ x: Float64Array; value: number; iterations: number; converged: boolean }> {
  const { evaluate, maxIterations, tolerance } = options;
  const memory = options.memory ?? 10;
  const size = options.start.length;
  let x = Float64Array.from(options.start);
  let gradient = new Float64Array(size);
  let value = evaluate(x, gradient);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(memory);
  const direction = new Float64Array(size);
  let candidate = new Float64Array(size);
  let candidateGradient = new Float64Array(size);

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (maxAbs(gradient) < tolerance) return { x, value, iterations: iteration - 1, converged: true };
    // Two-loop recursion: direction = −H·gradient with H the L-BFGS inverse-Hessian estimate.
    direction.set(gradient);
    for (let i = s.length - 1; i >= 0; i--) {
      alpha[i] = rho[i] * dot(s[i], direction);
      axpy(-alpha[i], y[i], direction);
    }
    const scale =
      s.length > 0
        ? dot(s[s.length - 1], y[y.length - 1]) / dot(y[y.length - 1], y[y.length - 1])
        : 1 / Math.max(1, Math.sqrt(dot(gradient, gradient)));
    for (let i = 0; i < size; i++) direction[i] *= scale;
    for (let i = 0; i < s.length; i++) {
      const beta = rho[i] * dot(y[i], direction);
      axpy(alpha[i] - beta, s[i], direction);
    }
    for (let i = 0; i < size; i++) direction[i] = -direction[i];
    let slope = dot(gradient, direction);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      s.length = 0;
      y.length = 0;
      rho.length = 0;
      for (let i = 0; i < size; i++) direction[i] = -gradient[i];
      slope = dot(gradient, direction);
    }
    let step = 1;
    let next = Number.POSITIVE_INFINITY;
    for (let trial = 0; trial < 40; trial++) {
      for (let i = 0; i < size; i++) candidate[i] = x[i] + step * direction[i];
      next = evaluate(candidate, candidateGradient);
      if (next <= value + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(next <= value)) return { x, value, iterations: iteration, converged: false };
    const sNew = new Float64Array(size);
    const yNew = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      sNew[i] = candidate[i] - x[i];
      yNew[i] = candidateGradient[i] - gradient[i];
    }
    const curvature = dot(sNew, yNew);
    if (curvature > 1e-12) {
      if (s.length === memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sNew);
      y.push(yNew);
      rho.push(1 / curvature);
    }
    [x, candidate] = [candidate, x];
    [gradient, candidateGradient] = [candidateGradient, gradient];
    const improvement = value - next;
    value = next;
    await options.onIteration?.(iteration);
    // A step that no longer changes the value measurably: as converged as float64 allows.
    if (improvement <= 1e-15 * Math.max(1, Math.abs(value))) {
      return { x, value, iterations: iteration, converged: maxAbs(gradient) < tolerance * 100 };
    }
  }
  return { x, value, iterations: maxIterations, converged: maxAbs(gradient) < tolerance };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** y += a·x */
function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i] += a * x[i];
}

function maxAbs(values: Float64Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
  return max;
}
