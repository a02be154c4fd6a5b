/**
 * `npm run bench` — engine throughput against tfjs (CPU and WASM backends), in one process.
 *   --json    one JSON object per line: {"workload","engine","samples_per_s"} (W3: "grids_per_s")
 *   --quick   fewer, shorter repeats (a smoke run)
 *   --wall    time with the wall clock instead of this process's CPU time (see cpuNow)
 *   --only=W5 run only the named workloads (comma-separated ids)
 * Per workload the four contenders (ours-simd, ours-js, tfjs-wasm, tfjs-cpu) run interleaved; the median of the timed repeats is reported.
 */
import * as tf from '@tensorflow/tfjs';
import { cpuNow, formatRate, formatTable, timeInterleaved, type Contender, type ContenderResult } from './harness';
import { setKernelMode } from '../workers/engine/kernels';
import { oursContender } from './ours-contender';
import { tfContender, useBackend, type TfContender } from './tfjs-contenders';
import { W5, w5Ours, w5Tfjs } from './w5-conv';
import { WORKLOADS, type Workload } from './workloads';

const args = new Set(process.argv.slice(2));
const json = args.has('--json');
const quick = args.has('--quick');
const wall = args.has('--wall');
const onlyArg = [...args].find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;
const timing = {
  ...(quick ? { warmupRounds: 1, rounds: 3, targetMs: 60 } : { warmupRounds: 2, rounds: 9, targetMs: 200 }),
  now: wall ? performance.now.bind(performance) : cpuNow
};

/** Ours (SIMD) / tfjs-wasm targets of issue 15 (W1–W4) and issue 16 (W5). */
const TARGETS: Record<Workload['id'] | typeof W5.id, number> = { W1: 200, W2: 70, W3: 1.5, W4: 1.5, W5: W5.target };
/** Samples in each training set: enough minibatches that an epoch boundary is rare within a step. */
const SAMPLE_COUNT: Record<Workload['id'], number> = { W1: 2000, W2: 2000, W3: 0, W4: 3200 };

function log(line: string): void {
  if (!json) process.stderr.write(line + '\n');
}

/** Ours on both kernel paths beside tfjs on both backends, interleaved. */
async function benchWorkload(
  makeOurs: (path: 'simd' | 'js') => Contender,
  makeTf: (backend: 'wasm' | 'cpu') => TfContender
): Promise<ContenderResult[]> {
  // tfjs variables must be created on the backend that will run them, so build each under its backend.
  const tfs: TfContender[] = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    await useBackend(backend);
    const c = makeTf(backend);
    tfs.push({ ...c, before: () => useBackend(backend) });
  }
  const ours = (['simd', 'js'] as const).map(makeOurs);
  try {
    return await timeInterleaved([...ours, ...tfs], timing);
  } finally {
    setKernelMode('auto');
    for (const [k, c] of tfs.entries()) {
      await useBackend(k === 0 ? 'wasm' : 'cpu');
      c.dispose();
    }
  }
}

async function main(): Promise<void> {
  tf.env().set('PROD', true); // no debug checks in the tfjs kernels
  const started = performance.now();
  const rows: string[][] = [];
  const workloads = [
    ...WORKLOADS.map((w) => ({
      id: w.id,
      title: w.title,
      kind: w.kind,
      ours: (path: 'simd' | 'js') => oursContender(w, SAMPLE_COUNT[w.id], path),
      tf: (backend: 'wasm' | 'cpu') => tfContender(w, backend, SAMPLE_COUNT[w.id])
    })),
    { id: W5.id, title: W5.title, kind: 'train' as const, ours: w5Ours, tf: w5Tfjs }
  ].filter((w) => !only || only.has(w.id));
  for (const w of workloads) {
    log(`${w.id}: ${w.title} …`);
    const results = await benchWorkload(w.ours, w.tf);
    const rate = (name: string) => results.find((r) => r.name === name)!.rate;
    const unit = w.kind === 'grid' ? 'grids_per_s' : 'samples_per_s';
    for (const r of results) {
      if (json) process.stdout.write(JSON.stringify({ workload: w.id, engine: r.name, [unit]: Number(r.rate.toPrecision(6)) }) + '\n');
    }
    const simd = rate('ours-simd');
    const js = rate('ours-js');
    const vsWasm = simd / rate('tfjs-wasm');
    rows.push([
      w.id,
      unit === 'grids_per_s' ? 'grids/s' : 'samples/s',
      formatRate(simd),
      formatRate(js),
      formatRate(rate('tfjs-wasm')),
      formatRate(rate('tfjs-cpu')),
      `${vsWasm.toFixed(2)}×`,
      `${(js / rate('tfjs-wasm')).toFixed(2)}×`,
      `${(simd / rate('tfjs-cpu')).toFixed(2)}×`,
      `≥ ${TARGETS[w.id]}×`,
      vsWasm >= TARGETS[w.id] ? 'yes' : 'NO'
    ]);
  }
  if (!json) {
    const header = ['workload', 'unit', 'ours-simd', 'ours-js', 'tfjs-wasm', 'tfjs-cpu', 'simd/wasm', 'js/wasm', 'simd/cpu', 'target', 'met'];
    process.stdout.write('\n' + formatTable(header, rows) + '\n');
    for (const w of workloads) process.stdout.write(`  ${w.id}: ${w.title}\n`);
    process.stdout.write(
      '\n"ours-*" train through Trainer.train, which also evaluates loss and accuracy over the whole set at every\n' +
        'epoch end (about a third of its time here); the tfjs loops only step. W3 reads every layer back to JS.\n'
    );
    process.stdout.write(
      `median of ${timing.rounds} interleaved repeats of ~${timing.targetMs} ms (${wall ? 'wall' : 'CPU'} time) after warm-up; ` +
        `total ${((performance.now() - started) / 1000).toFixed(1)} s\n`
    );
  }
}

await main();
