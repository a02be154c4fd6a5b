/**
 * Gradient descent (with optional momentum) on the course's one-dimensional function
 * f(x) = e^(-x) + x². Pure: each step returns a new state, so the panel can keep the whole path.
 */
import { GD1D } from './gd1d-function';

export interface GdState {
  /** step number; 0 is the start */
  k: number;
  x: number;
  /** velocity (the momentum term); 0 without momentum */
  v: number;
  fx: number;
  dfx: number;
}

export interface GdOptions {
  /** learning rate η > 0 */
  lr: number;
  /** momentum μ in [0, 1): v ← μ·v − η·f'(x); x ← x + v. μ = 0 is plain gradient descent. */
  momentum: number;
}

/** Beyond this |x| (or once f is no longer finite) the run has diverged and stepping stops. */
export const DIVERGENCE_LIMIT = 1e3;

export function gdStart(x0: number): GdState {
  return { k: 0, x: x0, v: 0, fx: GD1D.f(x0), dfx: GD1D.df(x0) };
}

export function gdStep(state: GdState, { lr, momentum }: GdOptions): GdState {
  const v = momentum * state.v - lr * state.dfx;
  const x = state.x + v;
  return { k: state.k + 1, x, v, fx: GD1D.f(x), dfx: GD1D.df(x) };
}

export function hasDiverged(state: GdState): boolean {
  return !Number.isFinite(state.x) || !Number.isFinite(state.fx) || Math.abs(state.x) > DIVERGENCE_LIMIT;
}

/** The start and `steps` further states; stops early once the run diverges. */
export function gdRun(x0: number, options: GdOptions, steps: number): GdState[] {
  const path = [gdStart(x0)];
  for (let k = 0; k < steps && !hasDiverged(path[path.length - 1]); k++) {
    path.push(gdStep(path[path.length - 1], options));
  }
  return path;
}

/** Plain-language verdict on a path, for the panel's message line. */
export function describeRun(path: readonly GdState[]): { kind: 'ok' | 'oscillating' | 'diverged'; message: string } {
  const last = path[path.length - 1];
  if (hasDiverged(last)) {
    return {
      kind: 'diverged',
      message: `Diverged at step ${last.k}: |x| exploded. The learning rate is too large — each step overshoots the minimum by more than it corrects.`
    };
  }
  // sign flips of the gradient on most of the last steps: bouncing across the valley
  const recent = path.slice(-6);
  let flips = 0;
  for (let i = 1; i < recent.length; i++) if (Math.sign(recent[i].dfx) !== Math.sign(recent[i - 1].dfx)) flips++;
  if (recent.length >= 4 && flips >= recent.length - 2 && Math.abs(last.dfx) > 1e-3) {
    return {
      kind: 'oscillating',
      message: 'Oscillating: x jumps from one side of the minimum to the other. A smaller learning rate would settle.'
    };
  }
  return { kind: 'ok', message: '' };
}
