/**
 * Our engine as a benchmark contender: the Trainer's own training loop and grid evaluation, on one
 * kernel path: 'simd' is the engine as shipped (WASM SIMD for large work, JS below the threshold),
 * 'js' forces the JavaScript kernels everywhere, so the gain of the SIMD path is visible.
 */
import { compile, DEFAULT_SETTINGS, Trainer } from '../workers/engine/index';
import { kernelPath, setKernelMode } from '../workers/engine/kernels';
import type { GridView, TrainSettings } from '../workers/protocol';
import type { Contender } from './harness';
import { chainSpec, workloadData, type Workload } from './workloads';

function settingsFor(w: Workload): TrainSettings {
  return { ...DEFAULT_SETTINGS, learningRate: 0.01, batchSize: w.batchSize, loss: w.loss, seed: 3 };
}

export type OursPath = 'simd' | 'js';

export function oursContender(w: Workload, sampleCount: number, path: OursPath): Contender {
  const program = compile(chainSpec(w));
  const name = `ours-${path}`;
  const before = (): void => {
    setKernelMode(path === 'js' ? 'js' : 'auto');
    if (path === 'simd' && kernelPath() !== 'wasm-simd') throw new Error('bench: the WASM SIMD kernels did not load');
  };
  if (w.kind === 'grid') {
    const trainer = new Trainer(program, workloadData(w, 100), settingsFor(w));
    const grid: GridView = { xColumn: 0, yColumn: 1, xMin: -6, xMax: 6, yMin: -6, yMax: 6, size: w.gridSize };
    // the snapshot buffer is allocated once, as the worker does
    const out = new Float32Array(program.unitCount * w.gridSize * w.gridSize);
    return {
      name,
      before,
      itemsPerIteration: 1,
      run(iterations) {
        for (let i = 0; i < iterations; i++) trainer.evaluateGrid(grid, out);
        if (Number.isNaN(out[out.length - 1])) throw new Error('bench: grid evaluation produced NaN');
      }
    };
  }
  const trainer = new Trainer(program, workloadData(w, sampleCount), settingsFor(w));
  return {
    name,
    before,
    itemsPerIteration: w.batchSize,
    run(iterations) {
      const result = trainer.train(iterations);
      if (result.steps !== iterations) throw new Error(`bench: asked for ${iterations} steps, trainer ran ${result.steps}`);
    }
  };
}
