/**
 * The course's 1-D gradient-descent example, f(x) = e^(−x) + x², with its derivative
 * f′(x) = −e^(−x) + 2x. The minimum is where e^(−x) = 2x, at x ≈ 0.3517.
 */
export function gdF(x: number): number {
  return Math.exp(-x) + x * x;
}

export function gdDf(x: number): number {
  return -Math.exp(-x) + 2 * x;
}

export interface GdStep {
  x: number;
  f: number;
  df: number;
}

/**
 * Plain or momentum gradient descent from x0: v = μ·v − lr·f′(x), x += v (μ = 0 is plain descent).
 * Returns the visited points, the start included (steps + 1 entries).
 */
export function gdPath(x0: number, learningRate: number, steps: number, momentum = 0): GdStep[] {
  const path: GdStep[] = [];
  let x = x0;
  let v = 0;
  for (let i = 0; i <= steps; i++) {
    const df = gdDf(x);
    path.push({ x, f: gdF(x), df });
    v = momentum * v - learningRate * df;
    x += v;
  }
  return path;
}
