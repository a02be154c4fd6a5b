/** Test data for the engine's trainer tests: two inputs in [-1, 1]², labelled by the sign of x0·x1 (XOR-like). */
import type { DataTable } from '../../protocol';
import { createRng } from '../random';

/** `count` samples from a seeded generator, every 4th held out. */
export function xorTable(count = 80, seed = 4): DataTable {
  const rng = createRng(seed);
  const x = new Float32Array(count * 2);
  const y = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    x[2 * i] = rng.uniform(-1, 1);
    x[2 * i + 1] = rng.uniform(-1, 1);
    y[i] = x[2 * i] * x[2 * i + 1] > 0 ? 1 : 0;
  }
  return {
    count,
    columns: ['x1', 'x2'],
    x,
    y,
    classes: ['A', 'B'],
    targetColumns: [],
    isTest: Uint8Array.from({ length: count }, (_, i) => (i % 4 === 3 ? 1 : 0))
  };
}
