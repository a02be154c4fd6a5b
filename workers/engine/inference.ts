/**
 * The network applied outside training: every unit over the heat-map grid, output predictions for raw
 * points, one group's activations over the whole table, and one sample's feature maps (conv nets).
 * Runs through the evaluation workspace, whose capacity is the chunk size.
 */
import type { FeatureMaps, GridView } from '../protocol';
import type { Program } from './compile';
import { gather, type Dataset } from './dataset';
import { computeFeatures } from './features';
import { forward } from './forward';
import { fillGridRows } from './grid';
import type { Workspace } from './workspace';

export class Inference {
  /** raw-row scratch per column count, reused by every grid */
  private readonly rawRows: Float32Array[] = [];

  constructor(
    private readonly program: Program,
    private readonly ws: Workspace
  ) {}

  /**
   * Every unit's output over the grid, unit-major: out[u·size² + row·size + col], row 0 at yMax.
   * Raw columns other than the two axes are held at their train mean. An axis naming a column the
   * data does not have varies nothing (one-column data: every grid row is the same).
   */
  grid(params: Float32Array, data: Dataset, grid: GridView, out: Float32Array): void {
    const size = grid.size;
    const total = size * size;
    const { program, ws } = this;
    const chunk = ws.capacity;
    if (!Number.isInteger(size) || size < 1) throw new Error(`Grid size must be a whole number ≥ 1 (got ${size}).`);
    if (hasImages(program)) throw new Error('Heat-map grids need a network without image groups: a plane of two columns says nothing about an image.');
    if (out.length < program.unitCount * total) {
      throw new Error(`Grid buffer holds ${out.length} values; ${program.unitCount * total} needed.`);
    }
    const columns = data.table.columns.length;
    const raw = (this.rawRows[columns] ??= new Float32Array(chunk * columns));
    for (let start = 0; start < total; start += chunk) {
      const n = Math.min(chunk, total - start);
      fillGridRows(grid, data.means, start, n, raw);
      this.forwardRaw(params, raw, columns, n);
      // Sample-major rows → unit-major planes. Reading each row once and scattering its units
      // measured about twice as fast in V8 as gathering one unit's column at a time.
      for (const g of program.groups) {
        const a = ws.a[g.index];
        const units = g.units;
        const first = g.unitOffset * total + start;
        for (let p = 0; p < n; p++) {
          const row = p * units;
          let o = first + p;
          for (let j = 0; j < units; j++, o += total) out[o] = a[row + j];
        }
      }
    }
  }

  /** Output-group activations for raw rows (count × data columns), count × output units. */
  predict(params: Float32Array, columns: number, points: Float32Array): Float32Array {
    if (columns === 0 || points.length % columns !== 0) {
      throw new Error(`Points must be whole rows of ${columns} columns (got ${points.length} values).`);
    }
    const count = points.length / columns;
    const out = this.program.groups[this.program.output];
    const result = new Float32Array(count * out.units);
    const a = this.ws.a[out.index];
    const chunk = this.ws.capacity;
    for (let start = 0; start < count; start += chunk) {
      const n = Math.min(chunk, count - start);
      this.forwardRaw(params, points.subarray(start * columns, (start + n) * columns), columns, n);
      result.set(a.subarray(0, n * out.units), start * out.units);
    }
    return result;
  }

  /** One group's activations for every sample of the table (count × units), or null for an unknown id. */
  groupActivations(params: Float32Array, data: Dataset, groupId: string): Float32Array | null {
    const g = this.program.groups.find((x) => x.id === groupId);
    if (!g) return null;
    const count = data.table.count;
    const result = new Float32Array(count * g.units);
    const all = Int32Array.from({ length: count }, (_, i) => i);
    const chunk = this.ws.capacity;
    for (let start = 0; start < count; start += chunk) {
      const n = Math.min(chunk, count - start);
      gather(this.program, data, this.ws, all, start, n);
      forward(this.program, this.ws, params, n, null);
      result.set(this.ws.a[g.index].subarray(0, n * g.units), start * g.units);
    }
    return result;
  }

  /**
   * One sample's feature maps: every image group's activations (HWC) and the output, for a sample of
   * the table ({ sample: index }) or for one raw row of the table's columns (e.g. a digit drawn on the
   * pad, values already scaled as the data's: byte × pixelScale).
   */
  featureMaps(params: Float32Array, data: Dataset, input: Float32Array | { sample: number }): FeatureMaps {
    const { program, ws } = this;
    const columns = data.table.columns.length;
    if (input instanceof Float32Array) {
      if (input.length !== columns) throw new Error(`A raw input needs ${columns} values, one per column (got ${input.length}).`);
      this.forwardRaw(params, input, columns, 1);
    } else {
      const i = input.sample;
      if (!Number.isInteger(i) || i < 0 || i >= data.table.count) {
        throw new Error(`Sample ${i} does not exist (the data has ${data.table.count} samples).`);
      }
      gather(program, data, ws, Int32Array.of(i), 0, 1);
      forward(program, ws, params, 1, null);
    }
    const out = program.groups[program.output];
    return {
      groups: program.groups.flatMap((g) => (g.shape ? [{ id: g.id, shape: { ...g.shape }, values: Float32Array.from(ws.a[g.index].subarray(0, g.units)) }] : [])),
      output: Float32Array.from(ws.a[out.index].subarray(0, out.units))
    };
  }

  /** Forward pass (no dropout) of n raw rows; image inputs take columns 0 … units − 1 as they are. */
  private forwardRaw(params: Float32Array, raw: Float32Array, columns: number, n: number): void {
    for (const g of this.program.groups) {
      if (g.kind !== 'input') continue;
      const dst = this.ws.a[g.index];
      if (g.shape) {
        for (let b = 0; b < n; b++) for (let u = 0; u < g.units; u++) dst[b * g.units + u] = raw[b * columns + u];
      } else computeFeatures(g.features ?? [], raw, columns, n, dst);
    }
    forward(this.program, this.ws, params, n, null);
  }
}

/** True when some group is an image (heat-map grids do not apply). */
export function hasImages(program: Program): boolean {
  return program.groups.some((g) => g.shape !== null);
}
