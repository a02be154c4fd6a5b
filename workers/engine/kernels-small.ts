/**
 * Straight-line JS kernels for tiny layers, generated per (inputs, units) shape. On the course's
 * networks (2 → 4 → 2 → 1, 8-unit layers, batch 10) a step costs a few microseconds and the 4 × 4
 * tiles of `kernels-js.ts` spend much of it on loop control and remainder loops. A body with every
 * weight offset written as a constant runs 1.5–4× faster there (bench/kernel-crossover.ts, CPU
 * time): no inner loops at all, one row of x (or dz) held in locals.
 *
 * Only numbers go into the generated source (validated integer sizes), never user text. Where code
 * generation is refused (a Content-Security-Policy without 'unsafe-eval'), `small*` return null and
 * the tiles run instead.
 */
import type { Vec } from './vec';

type Forward = (x: Vec, w: Vec, wOff: number, z: Vec, n: number) => void;
type BackwardInput = (dz: Vec, w: Vec, wOff: number, dx: Vec, n: number) => void;
type BackwardWeights = (x: Vec, dz: Vec, dw: Vec, wOff: number, n: number) => void;

/**
 * Largest inputs × units written out straight. The products keep one accumulator per output value
 * in a register; the weight gradient holds all nIn × nOut at once, so it spills (and loses to the
 * tiles) beyond 16 — measured at 8 × 8: 1.1–1.5× slower; forward at 8 × 8: 1.6× faster.
 */
export const SMALL_PRODUCT = 64;
export const SMALL_WEIGHT_GRADIENT = 16;

/** false once code generation was refused; then the tiles run for good */
let allowed = true;
/** switched off by tests and the bench to reach the tiles with small shapes */
let enabled = true;
const forwards = new Map<number, Forward | null>();
const inputs = new Map<number, BackwardInput | null>();
const weights = new Map<number, BackwardWeights | null>();

/** Turn the straight-line kernels on or off (tests and bench/kernel-crossover.ts compare both). */
export function useSmallKernels(on: boolean): void {
  enabled = on;
}

function generate<F>(params: string[], body: string[]): F | null {
  if (!allowed) return null;
  try {
    return new Function(...params, body.join('\n')) as F;
  } catch {
    allowed = false;
    return null;
  }
}

/**
 * The kernel for this shape from `cache`, generated on first use by `body` (which writes the source
 * lines); null when the shape is above `limit`, the kernels are switched off or generation failed.
 */
function cached<F>(cache: Map<number, F | null>, nIn: number, nOut: number, limit: number, params: string[], body: () => string[]): F | null {
  if (!enabled) return null;
  const k = nIn * 4096 + nOut;
  let f = cache.get(k);
  if (f !== undefined) return f;
  const fits = Number.isInteger(nIn) && Number.isInteger(nOut) && nIn > 0 && nOut > 0 && nIn * nOut <= limit;
  f = fits ? generate<F>(params, body()) : null;
  cache.set(k, f);
  return f;
}

/** z[b, j] += Σ_i x[b, i] · w[i, j], written out for this shape; null when too large. */
export function smallForward(nIn: number, nOut: number): Forward | null {
  return cached(forwards, nIn, nOut, SMALL_PRODUCT, ['x', 'w', 'wOff', 'z', 'n'], () => {
    const body = ['for (let b = 0; b < n; b++) {', `const xb = b * ${nIn}, zb = b * ${nOut};`];
    for (let i = 0; i < nIn; i++) body.push(`const x${i} = x[xb + ${i}];`);
    for (let j = 0; j < nOut; j++) {
      const terms = Array.from({ length: nIn }, (_, i) => `x${i} * w[wOff + ${i * nOut + j}]`);
      body.push(`z[zb + ${j}] += ${terms.join(' + ')};`);
    }
    body.push('}');
    return body;
  });
}

/** dx[b, i] += Σ_j dz[b, j] · w[i, j], written out for this shape; null when too large. */
export function smallBackwardInput(nIn: number, nOut: number): BackwardInput | null {
  return cached(inputs, nIn, nOut, SMALL_PRODUCT, ['dz', 'w', 'wOff', 'dx', 'n'], () => {
    const body = ['for (let b = 0; b < n; b++) {', `const db = b * ${nOut}, xb = b * ${nIn};`];
    for (let j = 0; j < nOut; j++) body.push(`const g${j} = dz[db + ${j}];`);
    for (let i = 0; i < nIn; i++) {
      const terms = Array.from({ length: nOut }, (_, j) => `g${j} * w[wOff + ${i * nOut + j}]`);
      body.push(`dx[xb + ${i}] += ${terms.join(' + ')};`);
    }
    body.push('}');
    return body;
  });
}

/** dw[i, j] += Σ_b x[b, i] · dz[b, j], written out for this shape; null when too large. */
export function smallBackwardWeights(nIn: number, nOut: number): BackwardWeights | null {
  return cached(weights, nIn, nOut, SMALL_WEIGHT_GRADIENT, ['x', 'dz', 'dw', 'wOff', 'n'], () => {
    const body: string[] = [];
    for (let i = 0; i < nIn; i++) for (let j = 0; j < nOut; j++) body.push(`let s${i}_${j} = 0;`);
    body.push('for (let b = 0; b < n; b++) {', `const xb = b * ${nIn}, db = b * ${nOut};`);
    for (let i = 0; i < nIn; i++) body.push(`const x${i} = x[xb + ${i}];`);
    for (let j = 0; j < nOut; j++) body.push(`const g${j} = dz[db + ${j}];`);
    for (let i = 0; i < nIn; i++) for (let j = 0; j < nOut; j++) body.push(`s${i}_${j} += x${i} * g${j};`);
    body.push('}');
    for (let i = 0; i < nIn; i++) for (let j = 0; j < nOut; j++) body.push(`dw[wOff + ${i * nOut + j}] += s${i}_${j};`);
    return body;
  });
}
