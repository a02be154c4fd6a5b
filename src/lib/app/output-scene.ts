/** What the output view shows, derived from the data and the latest snapshot. Pure. */
import type { Activation, DataTable, GridView, ParamLayout, Snapshot } from '../../../workers/protocol';
import type { OutputPaint } from '../render/output-colors';
import type { OutputPoint, OutputScene } from '../render/output-renderer';

/** The range of regression targets (first target column), or null for classification. */
export function targetRange(table: DataTable): [number, number] | null {
  if (table.classes) return null;
  const width = table.targetColumns.length || 1;
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < table.count; r++) {
    const v = table.y[r * width];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) ? [lo, hi] : null;
}

export function outputScene(table: DataTable, grid: GridView, showTest: boolean): OutputScene {
  const columns = table.columns.length;
  const classification = table.classes !== null;
  const range = targetRange(table);
  const width = table.targetColumns.length || 1;
  const points: OutputPoint[] = [];
  const curve = columns === 1 && !classification;
  // Large tables (MNIST) have no plane to show; a few thousand points is plenty for the picture.
  const limit = columns > 100 ? 0 : Math.min(table.count, 5000);
  for (let r = 0; r < limit; r++) {
    const x = table.x[r * columns + grid.xColumn];
    const target = classification ? table.y[r] : table.y[r * width];
    const mid = range ? (range[0] + range[1]) / 2 : 0;
    const half = range ? Math.max((range[1] - range[0]) / 2, 1e-9) : 1;
    points.push({
      x,
      y: curve ? target : table.x[r * columns + grid.yColumn],
      value: classification ? target : (target - mid) / half,
      test: table.isTest[r] === 1
    });
  }
  if (curve && range) {
    const pad = (range[1] - range[0]) * 0.15 || 1;
    return {
      mode: 'curve',
      bounds: { xMin: grid.xMin, xMax: grid.xMax, yMin: range[0] - pad, yMax: range[1] + pad },
      points,
      classification,
      showTest
    };
  }
  return {
    mode: 'plane',
    bounds: { xMin: grid.xMin, xMax: grid.xMax, yMin: grid.yMin, yMax: grid.yMax },
    points,
    classification,
    showTest
  };
}

export function outputPaint(
  snapshot: Snapshot,
  layout: ParamLayout,
  outputId: string,
  activation: Activation,
  range: [number, number] | null
): OutputPaint | null {
  const group = layout.groups.find((g) => g.id === outputId);
  if (!group || snapshot.grid.size === 0) return null;
  if (snapshot.unitGrids.length < (group.unitOffset + group.units) * snapshot.grid.size ** 2) return null;
  return {
    unitGrids: snapshot.unitGrids,
    unitOffset: group.unitOffset,
    units: group.units,
    activation,
    size: snapshot.grid.size,
    targetRange: range
  };
}
