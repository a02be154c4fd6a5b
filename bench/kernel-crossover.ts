/**
 * `npx tsx bench/kernel-crossover.ts` — CPU nanoseconds per call of each dense kernel on the JS
 * 4 × 4 tiles, the straight-line JS kernels (kernels-small.ts, '-' where the shape is too large for
 * them) and the WASM SIMD path (operands staged in and out, as the engine calls it), over the layer
 * shapes of the bench workloads and a few between. It is how kernels.ts' MIN_DENSE_WORK and
 * kernels-small.ts' limits were chosen. 'W' marks the fastest column when it is WASM.
 */
import { denseBackwardInput, denseBackwardWeights, denseForward, kernelPath, setKernelMode } from '../workers/engine/kernels';
import { smallBackwardInput, smallBackwardWeights, smallForward, useSmallKernels } from '../workers/engine/kernels-small';
import { createRng } from '../workers/engine/random';
import { cpuNow } from './harness';

/** [batch, inputs, units] */
const SHAPES: [number, number, number][] = [
  [10, 2, 4],
  [10, 4, 2],
  [10, 2, 8],
  [10, 8, 8],
  [16, 8, 8],
  [32, 8, 8],
  [32, 16, 16],
  [64, 16, 16],
  [1024, 8, 8],
  [32, 128, 10],
  [32, 784, 128]
];

function rand(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
}

/** Median ns per call of `fn` over 7 timed batches of calls sized to ~20 ms each. */
function time(fn: () => void): number {
  let calls = 1;
  for (;;) {
    const t0 = cpuNow();
    for (let k = 0; k < calls; k++) fn();
    if (cpuNow() - t0 > 20) break;
    calls *= 2;
  }
  const samples: number[] = [];
  for (let r = 0; r < 7; r++) {
    const t0 = cpuNow();
    for (let k = 0; k < calls; k++) fn();
    samples.push(((cpuNow() - t0) * 1e6) / calls);
  }
  return samples.sort((a, b) => a - b)[3];
}

setKernelMode('wasm');
if (kernelPath() !== 'wasm-simd') throw new Error('the WASM SIMD kernels did not load');
process.stdout.write('shape (n × in → out)   work   forward tiles/straight/wasm ns   backward-input (same)   backward-weights (same)\n');
for (const [n, nIn, nOut] of SHAPES) {
  const x = rand(n * nIn, 1);
  const w = rand(nIn * nOut, 2);
  const z = new Float32Array(n * nOut);
  const dz = rand(n * nOut, 3);
  const dx = new Float32Array(n * nIn);
  const dw = new Float32Array(nIn * nOut);
  const kernels = [
    () => denseForward(x, nIn, w, 0, z, nOut, n),
    () => denseBackwardInput(dz, nOut, w, 0, dx, nIn, n),
    () => denseBackwardWeights(x, nIn, dz, nOut, dw, 0, n)
  ];
  const straight = [smallForward(nIn, nOut), smallBackwardInput(nIn, nOut), smallBackwardWeights(nIn, nOut)];
  const cells = kernels.map((k, which) => {
    setKernelMode('js');
    useSmallKernels(false);
    const tiles = time(k);
    useSmallKernels(true);
    const small = straight[which] ? time(k) : Infinity;
    setKernelMode('wasm');
    const wasm = time(k);
    const fmt = (v: number): string => (v === Infinity ? '-' : v.toFixed(0));
    return `${fmt(tiles)} / ${fmt(small)} / ${fmt(wasm)}${wasm < Math.min(tiles, small) ? ' W' : ''}`.padEnd(26);
  });
  process.stdout.write(`${`${n} × ${nIn} → ${nOut}`.padEnd(20)} ${String(n * nIn * nOut).padStart(8)}   ${cells.join('   ')}\n`);
}
setKernelMode('auto');
