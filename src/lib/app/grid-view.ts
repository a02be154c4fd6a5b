/** Which plane the heat-maps show, derived from the data. Pure. */
import type { DataTable, GridView } from '../../../workers/protocol';
import { dataBounds } from '../data/table';

/** Points per side of the heat-map grid: 64² points per unit is cheap for small nets and looks smooth upscaled. */
export const GRID_SIZE = 64;
/** Above this many input columns (MNIST) a 2-D plane of inputs means nothing: no heat-maps. */
const MAX_PLANE_COLUMNS = 100;

export function gridViewFor(table: DataTable, view: { xColumn: number; yColumn: number }): GridView {
  const columns = table.columns.length;
  if (columns > MAX_PLANE_COLUMNS || columns === 0) {
    return { xColumn: 0, yColumn: 0, xMin: 0, xMax: 1, yMin: 0, yMax: 1, size: 0 };
  }
  const xColumn = Math.min(view.xColumn, columns - 1);
  // With one column the vertical axis must not vary any input: point it past the last column,
  // which the engine leaves alone, so every grid row is the same prediction curve along x.
  const yColumn = columns > 1 ? Math.min(view.yColumn, columns - 1) : columns;
  return dataBounds(table, xColumn, yColumn, GRID_SIZE);
}
