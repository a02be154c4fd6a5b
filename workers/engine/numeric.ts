/** Central-difference derivatives, the course's check on analytic gradients. */

/** (f(x + h) − f(x − h)) / 2h */
export function numericDerivative(f: (x: number) => number, x: number, h = 1e-4): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

/** The gradient of f at x, one central difference per coordinate (x is not modified). */
export function numericGradient(f: (x: number[]) => number, x: readonly number[], h = 1e-4): number[] {
  const point = x.slice();
  return x.map((xi, i) => {
    point[i] = xi + h;
    const up = f(point);
    point[i] = xi - h;
    const down = f(point);
    point[i] = xi;
    return (up - down) / (2 * h);
  });
}
