/**
 * Samples of an activation function and its derivative over an interval, for the explorer's plots.
 */
import type { Activation } from '../../../../workers/protocol';
import { ACTIVATION_INFO } from '../../../../workers/engine';

export interface ActivationSamples {
  x: number[];
  f: number[];
  df: number[];
}

/** n + 1 evenly spaced points from `from` to `to`, both included (so x = 0 is hit when it lies on the grid). */
export function sampleActivation(act: Activation, from = -5, to = 5, n = 200): ActivationSamples {
  const info = ACTIVATION_INFO[act];
  const x: number[] = [];
  const f: number[] = [];
  const df: number[] = [];
  for (let k = 0; k <= n; k++) {
    // computed from k, not accumulated, so the end points are exact
    const v = from + ((to - from) * k) / n;
    x.push(v);
    f.push(info.f(v));
    df.push(info.df(v));
  }
  return { x, f, df };
}

/** The y range that shows both curves, padded a little, never flatter than [-1, 1]. */
export function yExtent(s: ActivationSamples): [number, number] {
  let lo = -1;
  let hi = 1;
  for (const arr of [s.f, s.df]) {
    for (const v of arr) {
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}
