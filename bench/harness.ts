/**
 * Benchmark plumbing: calibrated timing, interleaved repeats, medians, and the printed table.
 * Contenders run interleaved (A B C, B C A, C A B, ...) so slow drift of the machine (thermal, GC, other
 * processes) spreads over all of them instead of penalising whichever ran last.
 */

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The order in which contenders run: `rounds` rounds, each a rotation of 0..count-1 shifted by one more
 * than the previous round, so every contender runs in every position equally often over `count` rounds.
 */
export function interleaveOrder(count: number, rounds: number): number[] {
  const order: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < count; k++) order.push((r + k) % count);
  }
  return order;
}

/** One thing to time: `run(iterations)` does that many units of work (steps, grids) and must not be lazy. */
export interface Contender {
  name: string;
  /** untimed, before every run (e.g. switching the tfjs backend, which is global and asynchronous) */
  before?(): Promise<void> | void;
  /** performs `iterations` repetitions of the workload */
  run(iterations: number): void;
  /** items (samples or grids) processed by one iteration */
  itemsPerIteration: number;
}

export interface TimingOptions {
  /** untimed repeats before timing, after calibration */
  warmupRounds: number;
  /** timed repeats per contender; the median is reported */
  rounds: number;
  /** wall time one repeat should take, milliseconds */
  targetMs: number;
  /** clock; injectable for tests */
  now?: () => number;
}

/** Iterations that take about `targetMs`: doubles until a run lasts at least a tenth of the target, then scales. */
export function calibrate(run: (iterations: number) => void, targetMs: number, now: () => number = performance.now.bind(performance)): number {
  let iterations = 1;
  for (;;) {
    const start = now();
    run(iterations);
    const elapsed = now() - start;
    if (elapsed >= targetMs / 10 || iterations >= 1 << 24) {
      return Math.max(1, Math.round((iterations * targetMs) / Math.max(elapsed, 1e-3)));
    }
    iterations *= 2;
  }
}

export interface ContenderResult {
  name: string;
  /** items per second of each timed repeat, in the order run */
  rates: number[];
  /** median of `rates` */
  rate: number;
  iterations: number;
}

/** Calibrates each contender, warms all up, then times interleaved repeats; returns medians of items per second. */
export async function timeInterleaved(contenders: readonly Contender[], options: TimingOptions): Promise<ContenderResult[]> {
  const now = options.now ?? performance.now.bind(performance);
  const iterations: number[] = [];
  for (const c of contenders) {
    await c.before?.();
    iterations.push(calibrate((n) => c.run(n), options.targetMs, now));
  }
  for (const index of interleaveOrder(contenders.length, options.warmupRounds)) {
    await contenders[index].before?.();
    contenders[index].run(iterations[index]);
  }
  const rates: number[][] = contenders.map(() => []);
  for (const index of interleaveOrder(contenders.length, options.rounds)) {
    const c = contenders[index];
    await c.before?.();
    const start = now();
    c.run(iterations[index]);
    const seconds = (now() - start) / 1000;
    rates[index].push((iterations[index] * c.itemsPerIteration) / Math.max(seconds, 1e-9));
  }
  return contenders.map((c, i) => ({ name: c.name, rates: rates[i], rate: median(rates[i]), iterations: iterations[i] }));
}

/**
 * Milliseconds of CPU time used by this process (all its threads). On a shared machine the wall clock also
 * counts the time other processes hold the core; CPU time does not, so repeats agree far better.
 */
export function cpuNow(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Right-aligned plain-text table; the first column left-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => (r[col] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Compact human number: 3 significant digits with k/M suffixes. */
export function formatRate(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toPrecision(3)}M`;
  if (abs >= 1e3) return `${(value / 1e3).toPrecision(3)}k`;
  return value.toPrecision(3);
}
