/** A data set as the worker receives it. Types only. */

export type ProblemType = 'classification' | 'regression';

export interface DataTable {
  /** number of samples */
  count: number;
  /** raw column names; the spec's input Features index into these */
  columns: string[];
  /** count × columns.length, row-major; empty when `pixels` carries the values */
  x: Float32Array;
  /**
   * Image data: count × columns.length raw values as bytes (raw value = byte × pixelScale), used
   * INSTEAD of `x`. The engine normalises while gathering each batch and never makes a Float32 copy.
   */
  pixels?: Uint8Array;
  /** raw value per byte step of `pixels`, e.g. 1/255; default 1 */
  pixelScale?: number;
  /**
   * classification: the class index of each sample (count values);
   * regression: count × targetColumns.length target values, row-major.
   */
  y: Float32Array;
  /** classification: the class names (length ≥ 2); regression: null */
  classes: string[] | null;
  /** regression target names (length ≥ 1); classification: [] */
  targetColumns: string[];
  /** 1 where the sample is held out for testing */
  isTest: Uint8Array;
}

/** The plane shown in the heat-maps: two raw columns on the axes, every other column held at its mean. */
export interface GridView {
  /** raw column on the horizontal axis */
  xColumn: number;
  /** raw column on the vertical axis */
  yColumn: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** points per side; the grid has size × size points, row 0 at yMax (top), column 0 at xMin */
  size: number;
}
