/**
 * Seconds for the MNIST preset's first epoch in node, on each kernel path: the preset's own network
 * (784 → 128 ReLU → 10 softmax), settings (Adam 0.001, batch 32) and data (8,000 training digits,
 * 2,000 held out), through `Trainer.train` as the worker runs it. Each figure is the median of three
 * fresh trainers, in this process's CPU time (so other load on the machine does not count).
 *   --json   one JSON object per line: {"workload":"mnist-epoch","engine","seconds","steps_seconds"}
 *   --wall   wall-clock time instead of CPU time
 * "seconds" is the whole epoch including its end-of-epoch evaluation; "steps_seconds" the 250
 * training steps alone.
 */
import { readFileSync } from 'node:fs';
import { compile, Trainer } from '../workers/engine/index';
import { kernelPath, setKernelMode } from '../workers/engine/kernels';
import { build as buildMnist } from '../scripts/build-mnist.mjs';
import { decodeMnist, MNIST_TRAIN_COUNT } from '../src/lib/data/mnist';
import { presetById } from '../src/lib/data/presets';
import { toSpec } from '../src/lib/model/spec';
import { cpuNow } from './harness';

const json = process.argv.includes('--json');
const wall = process.argv.includes('--wall');
const now = wall ? performance.now.bind(performance) : cpuNow;
const RUNS = 3;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const bytes = readFileSync(buildMnist().out);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const data = decodeMnist(buffer);
  const state = await presetById('mnist')!.build();
  const program = compile(toSpec(state.doc));
  const settings = { ...state.settings, maxEpochs: 1 };
  const stepsPerEpoch = Math.ceil(MNIST_TRAIN_COUNT / settings.batchSize);
  for (const path of ['simd', 'js'] as const) {
    setKernelMode(path === 'js' ? 'js' : 'auto');
    if (path === 'simd' && kernelPath() !== 'wasm-simd') throw new Error('bench: the WASM SIMD kernels did not load');
    const epochs: number[] = [];
    const steps: number[] = [];
    // One untimed epoch first, so both paths are measured with V8's optimised code.
    for (let run = 0; run <= RUNS; run++) {
      const trainer = new Trainer(program, data, settings);
      const t0 = now();
      trainer.train(stepsPerEpoch - 1);
      const t1 = now();
      const progress = trainer.train(stepsPerEpoch);
      const t2 = now();
      if (progress.epochs.length !== 1 || progress.diverged) throw new Error('bench: the MNIST epoch did not complete');
      if (run === 0) continue;
      epochs.push((t2 - t0) / 1000);
      steps.push(((t1 - t0) / 1000) * (stepsPerEpoch / (stepsPerEpoch - 1)));
    }
    const seconds = median(epochs);
    const stepsSeconds = median(steps);
    if (json) {
      const row = { workload: 'mnist-epoch', engine: `ours-${path}`, seconds: Number(seconds.toPrecision(4)), steps_seconds: Number(stepsSeconds.toPrecision(4)) };
      process.stdout.write(JSON.stringify(row) + '\n');
    } else {
      process.stdout.write(
        `MNIST epoch (8,000 digits, 784 → 128 → 10, batch 32), ours-${path}: ${seconds.toFixed(2)} s ` +
          `(training steps ${stepsSeconds.toFixed(2)} s, end-of-epoch evaluation the rest; median of ${RUNS}, ${wall ? 'wall' : 'CPU'} time)\n`
      );
    }
  }
  setKernelMode('auto');
}

await main();
