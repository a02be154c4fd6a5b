/**
 * The kernel boundary: the dense products, bias loops and the tanh/ReLU activation loops, each
 * sent either to the WebAssembly SIMD module (`wasm/`) or to the JavaScript kernels
 * (`kernels-js.ts`). Matrices are row-major: activations x[b * nIn + i], pre-activations
 * z[b * nOut + j], weights w[wOff + i * nOut + j].
 *
 * The module is generated and instantiated synchronously on first use (no init call needed, no
 * top-level await); `initKernels` exists to force a reload or to inject a failure in tests. Without
 * WebAssembly SIMD, or when the module fails to load, every call takes the JS kernels, silently.
 *
 * In 'auto' mode only float32 work above a measured size goes to WASM: a call costs about 0.2 µs
 * plus a memcpy of its operands, which the tiny layers of the course (2 → 4 → 1, batch 10) cannot
 * repay. Those run straight-line JS generated per shape (`kernels-small.ts`), the rest the 4 × 4
 * JS tiles (`kernels-js.ts`).
 */
import type { Activation } from '../protocol';
import { denseBackwardInputJs, denseBackwardWeightsJs, denseForwardJs, fillBiasJs, sumBiasJs } from './kernels-js';
import { smallBackwardInput, smallBackwardWeights, smallForward } from './kernels-small';
import type { Vec } from './vec';
import { createWasmRuntime, type WasmRuntime } from './wasm/runtime';

export type KernelPath = 'wasm-simd' | 'js';
/** 'auto': WASM for large float32 work; 'js' / 'wasm': always that path (tests and the bench). */
export type KernelMode = 'auto' | 'js' | 'wasm';

/** Multiply-adds below which a dense product stays in JS (measured: bench/kernel-crossover.ts). */
const MIN_DENSE_WORK = 1024;
/** Elements below which a bias or activation loop stays in JS. */
const MIN_ELEMENTWISE = 1024;

let runtime: WasmRuntime | null | undefined;
let mode: KernelMode = 'auto';

export interface KernelInit {
  /** module bytes to load instead of the generated ones (tests: a corrupt module) */
  bytes?: Uint8Array<ArrayBuffer>;
  /** SIMD detection to use instead of `WebAssembly.validate` on a probe (tests: pretend it is missing) */
  simd?: () => boolean;
  /** memory limit in 64 KiB pages (tests: a call that cannot fit) */
  maxPages?: number;
}

/** (Re)load the WASM kernels; returns the path large products will now take. */
export function initKernels(options: KernelInit = {}): KernelPath {
  runtime = createWasmRuntime(options.bytes, options.simd, options.maxPages);
  return kernelPath();
}

function wasm(): WasmRuntime | null {
  if (runtime === undefined) runtime = createWasmRuntime();
  return runtime;
}

/** The path large float32 products take: 'wasm-simd' once the module loaded, else 'js'. */
export function kernelPath(): KernelPath {
  return mode !== 'js' && wasm() ? 'wasm-simd' : 'js';
}

export function setKernelMode(m: KernelMode): void {
  mode = m;
}

/**
 * The runtime, ready for a call staging `floats` values, when this call should run in WASM: float32
 * operands and enough work (or forced). Null sends the call to JS, also when memory cannot grow.
 */
function pick(work: number, min: number, floats: number, a: Vec, b: Vec, c: Vec): WasmRuntime | null {
  if (mode === 'js' || (mode === 'auto' && work < min)) return null;
  if (!(a instanceof Float32Array && b instanceof Float32Array && c instanceof Float32Array)) return null;
  const rt = wasm();
  return rt && rt.begin(floats) ? rt : null;
}

/** z[b, j] += Σ_i x[b, i] · w[i, j] for b < n. */
export function denseForward(x: Vec, nIn: number, w: Vec, wOff: number, z: Vec, nOut: number, n: number): void {
  const rt = pick(n * nIn * nOut, MIN_DENSE_WORK, n * nIn + nIn * nOut + n * nOut, x, w, z);
  if (!rt) {
    const small = smallForward(nIn, nOut);
    return small ? small(x, w, wOff, z, n) : denseForwardJs(x, nIn, w, wOff, z, nOut, n);
  }
  const px = rt.stage(x as Float32Array, 0, n * nIn);
  const pw = rt.stage(w as Float32Array, wOff, nIn * nOut);
  const pz = rt.stage(z as Float32Array, 0, n * nOut);
  rt.exports.forward(px, nIn, pw, pz, nOut, n);
  rt.unstage(pz, z as Float32Array, 0, n * nOut);
}

/** dx[b, i] += Σ_j dz[b, j] · w[i, j] for b < n (the error sent back to the parent group). */
export function denseBackwardInput(dz: Vec, nOut: number, w: Vec, wOff: number, dx: Vec, nIn: number, n: number): void {
  const rt = pick(n * nIn * nOut, MIN_DENSE_WORK, n * nOut + nIn * nOut + n * nIn, dz, w, dx);
  if (!rt) {
    const small = smallBackwardInput(nIn, nOut);
    return small ? small(dz, w, wOff, dx, n) : denseBackwardInputJs(dz, nOut, w, wOff, dx, nIn, n);
  }
  const pd = rt.stage(dz as Float32Array, 0, n * nOut);
  const pw = rt.stage(w as Float32Array, wOff, nIn * nOut);
  const px = rt.stage(dx as Float32Array, 0, n * nIn);
  rt.exports.backwardInput(pd, nOut, pw, px, nIn, n);
  rt.unstage(px, dx as Float32Array, 0, n * nIn);
}

/** dw[i, j] += Σ_b x[b, i] · dz[b, j] over b < n (the weight gradient of one edge). */
export function denseBackwardWeights(x: Vec, nIn: number, dz: Vec, nOut: number, dw: Vec, wOff: number, n: number): void {
  const rt = pick(n * nIn * nOut, MIN_DENSE_WORK, n * nIn + n * nOut + nIn * nOut, x, dz, dw);
  if (!rt) {
    const small = smallBackwardWeights(nIn, nOut);
    return small ? small(x, dz, dw, wOff, n) : denseBackwardWeightsJs(x, nIn, dz, nOut, dw, wOff, n);
  }
  const px = rt.stage(x as Float32Array, 0, n * nIn);
  const pd = rt.stage(dz as Float32Array, 0, n * nOut);
  const pw = rt.stage(dw as Float32Array, wOff, nIn * nOut);
  rt.exports.backwardWeights(px, nIn, pd, nOut, pw, n);
  rt.unstage(pw, dw as Float32Array, wOff, nIn * nOut);
}

/** z[b, j] = bias[j] for b < n: the start of every pre-activation. */
export function fillBias(z: Vec, nOut: number, params: Vec, biasOff: number, n: number): void {
  const rt = pick(n * nOut, MIN_ELEMENTWISE, nOut + n * nOut, z, params, params);
  if (!rt) return fillBiasJs(z, nOut, params, biasOff, n);
  const pb = rt.stage(params as Float32Array, biasOff, nOut);
  const pz = rt.reserve(n * nOut);
  rt.exports.fillBias(pz, nOut, pb, n);
  rt.unstage(pz, z as Float32Array, 0, n * nOut);
}

/** db[j] += Σ_b dz[b, j]. */
export function sumBias(dz: Vec, nOut: number, grads: Vec, biasOff: number, n: number): void {
  const rt = pick(n * nOut, MIN_ELEMENTWISE, n * nOut + nOut, dz, grads, grads);
  if (!rt) return sumBiasJs(dz, nOut, grads, biasOff, n);
  const pd = rt.stage(dz as Float32Array, 0, n * nOut);
  const pg = rt.stage(grads as Float32Array, biasOff, nOut);
  rt.exports.sumBias(pd, nOut, pg, n);
  rt.unstage(pg, grads as Float32Array, biasOff, nOut);
}

/**
 * a = f(z) over `len` values for the activations the module has (tanh, relu); false when the
 * caller must run its own loop (other activations, float64, small or JS-only).
 */
export function activationForwardKernel(act: Activation, z: Vec, a: Vec, len: number): boolean {
  if (act !== 'tanh' && act !== 'relu') return false;
  const rt = pick(len, MIN_ELEMENTWISE, 2 * len, z, a, a);
  if (!rt) return false;
  const pz = rt.stage(z as Float32Array, 0, len);
  const pa = rt.reserve(len);
  if (act === 'tanh') rt.exports.tanhForward(pz, pa, len);
  else rt.exports.reluForward(pz, pa, len);
  rt.unstage(pa, a as Float32Array, 0, len);
  return true;
}

/** dz = da · f′ over `len` values for tanh (from a) and relu (from z); false as above. */
export function activationBackwardKernel(act: Activation, z: Vec, a: Vec, da: Vec, dz: Vec, len: number): boolean {
  if (act !== 'tanh' && act !== 'relu') return false;
  const src = act === 'tanh' ? a : z;
  const rt = pick(len, MIN_ELEMENTWISE, 3 * len, src, da, dz);
  if (!rt) return false;
  const ps = rt.stage(src as Float32Array, 0, len);
  const pd = rt.stage(da as Float32Array, 0, len);
  const pz = rt.reserve(len);
  if (act === 'tanh') rt.exports.tanhBackward(ps, pd, pz, len);
  else rt.exports.reluBackward(ps, pd, pz, len);
  rt.unstage(pz, dz as Float32Array, 0, len);
  return true;
}
