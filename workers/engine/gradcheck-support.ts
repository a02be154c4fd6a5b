/**
 * The gradient check's machinery, shared by gradcheck.test.ts (dense graphs) and
 * conv-gradcheck.test.ts (conv, pool, flatten): a random case on float64 buffers, its loss, the
 * analytic gradients, central differences, and the same gradients on float32 buffers. Tests only.
 */
import { expect } from 'vitest';
import type { Loss, NetworkSpec } from '../protocol';
import { backward } from './backward';
import { compile, type Program } from './compile';
import { forward } from './forward';
import { batchLoss } from './losses';
import { createRng } from './random';
import { createWorkspace, type Workspace } from './workspace';

const H = 1e-6;

export interface Case {
  program: Program;
  ws: Workspace;
  params: Float64Array;
  n: number;
  loss: Loss;
  dropoutSeed: number | null;
}

export function makeCase(spec: NetworkSpec, loss: Loss, n: number, seed: number, dropoutSeed: number | null = null): Case {
  const program = compile(spec);
  const ws = createWorkspace(program, n, Float64Array);
  const rng = createRng(seed);
  const params = new Float64Array(program.paramCount);
  for (let i = 0; i < params.length; i++) params[i] = rng.uniform(-0.8, 0.8);
  for (const g of program.groups) {
    if (g.preluOffset >= 0) for (let j = 0; j < g.units; j++) params[g.preluOffset + j] = rng.uniform(0.05, 0.5);
    if (g.kind === 'input') for (let i = 0; i < n * g.units; i++) ws.a[g.index][i] = rng.uniform(-2, 2);
  }
  const out = program.groups[program.output];
  const k = out.units;
  for (let b = 0; b < n; b++) {
    const hot = rng.int(k);
    for (let j = 0; j < k; j++) {
      let t: number;
      if (loss === 'cce' || loss === 'sparse_cce') t = j === hot ? 1 : 0;
      else if (loss === 'bce') t = rng.next() < 0.5 ? 1 : 0;
      else if (loss === 'hinge' || loss === 'squared_hinge') t = rng.next() < 0.5 ? 1 : -1;
      else t = rng.uniform(-1.5, 1.5);
      ws.target[b * k + j] = t;
    }
  }
  return { program, ws, params, n, loss, dropoutSeed };
}

export function lossOf(c: Case, params: Float64Array): number {
  forward(c.program, c.ws, params, c.n, c.dropoutSeed === null ? null : createRng(c.dropoutSeed));
  const out = c.program.groups[c.program.output];
  return batchLoss(c.loss, out.activation, c.ws.z[out.index], c.ws.a[out.index], c.ws.target, c.n, out.units, 0.7, null);
}

export function analytic(c: Case): Float64Array {
  lossOf(c, c.params);
  const grads = new Float64Array(c.params.length);
  backward(c.program, c.ws, c.params, grads, c.n, c.loss, 0.7);
  return grads;
}

export function numeric(f: (p: Float64Array) => number, params: Float64Array): Float64Array {
  const p = params.slice();
  const g = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const x = p[i];
    p[i] = x + H;
    const up = f(p);
    p[i] = x - H;
    const down = f(p);
    p[i] = x;
    g[i] = (up - down) / (2 * H);
  }
  return g;
}

export function expectClose(a: Float64Array, n: Float64Array, label: string): void {
  for (let i = 0; i < a.length; i++) {
    const tol = 1e-6 + 1e-5 * Math.abs(n[i]);
    if (!(Math.abs(a[i] - n[i]) <= tol)) {
      throw new Error(`${label}: param ${i} analytic ${a[i]} vs numeric ${n[i]}`);
    }
  }
}

/** The same case's analytic gradients computed on float32 buffers (the training precision). */
export function analyticF32(c: Case): Float64Array {
  const ws = createWorkspace(c.program, c.n, Float32Array);
  for (const g of c.program.groups) {
    if (g.kind === 'input') ws.a[g.index].set(c.ws.a[g.index].subarray(0, c.n * g.units));
  }
  ws.target.set(c.ws.target);
  const params = Float32Array.from(c.params);
  forward(c.program, ws, params, c.n, c.dropoutSeed === null ? null : createRng(c.dropoutSeed));
  const grads = new Float32Array(params.length);
  backward(c.program, ws, params, grads, c.n, c.loss, 0.7);
  return Float64Array.from(grads);
}

export function expectCloseF32(a: Float64Array, ref: Float64Array, label: string): void {
  for (let i = 0; i < a.length; i++) {
    const tol = 1e-5 + 1e-4 * Math.abs(ref[i]);
    if (!(Math.abs(a[i] - ref[i]) <= tol)) throw new Error(`${label}: param ${i} float32 ${a[i]} vs float64 ${ref[i]}`);
  }
}

/** The check must not pass vacuously: some gradient is clearly non-zero. */
export function expectSomeGradient(a: Float64Array): void {
  expect(a.some((v) => Math.abs(v) > 1e-4)).toBe(true);
}
