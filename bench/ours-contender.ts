/** Our engine as a benchmark contender: the Trainer's own training loop and grid evaluation. */
import { compile, DEFAULT_SETTINGS, Trainer } from '../workers/engine/index';
import type { GridView, TrainSettings } from '../workers/protocol';
import type { Contender } from './harness';
import { chainSpec, workloadData, type Workload } from './workloads';

function settingsFor(w: Workload): TrainSettings {
  return { ...DEFAULT_SETTINGS, learningRate: 0.01, batchSize: w.batchSize, loss: w.loss, seed: 3 };
}

export function oursContender(w: Workload, sampleCount: number): Contender {
  const program = compile(chainSpec(w));
  if (w.kind === 'grid') {
    const trainer = new Trainer(program, workloadData(w, 100), settingsFor(w));
    const grid: GridView = { xColumn: 0, yColumn: 1, xMin: -6, xMax: 6, yMin: -6, yMax: 6, size: w.gridSize };
    // the snapshot buffer is allocated once, as the worker does
    const out = new Float32Array(program.unitCount * w.gridSize * w.gridSize);
    return {
      name: 'ours',
      itemsPerIteration: 1,
      run(iterations) {
        for (let i = 0; i < iterations; i++) trainer.evaluateGrid(grid, out);
        if (Number.isNaN(out[out.length - 1])) throw new Error('bench: grid evaluation produced NaN');
      }
    };
  }
  const trainer = new Trainer(program, workloadData(w, sampleCount), settingsFor(w));
  return {
    name: 'ours',
    itemsPerIteration: w.batchSize,
    run(iterations) {
      const result = trainer.train(iterations);
      if (result.steps !== iterations) throw new Error(`bench: asked for ${iterations} steps, trainer ran ${result.steps}`);
    }
  };
}
