/**
 * Image tables: raw values stored as bytes (`pixels` × `pixelScale`) instead of a Float32 `x` four times
 * the size. Every page-side reader of table values goes through `cell`/`copyRow` so both layouts read alike.
 */
import type { DataTable, ImageShape } from '../../../workers/protocol';

/** The raw value at flat index `index` (row × columns + column) of either layout. */
export function cell(table: DataTable, index: number): number {
  return table.pixels ? table.pixels[index] * (table.pixelScale ?? 1) : table.x[index];
}

/** Row `row`'s raw values into `out` (at `offset`), decoding bytes when the table holds pixels. */
export function copyRow(table: DataTable, row: number, out: Float32Array, offset = 0): void {
  const width = table.columns.length;
  const start = row * width;
  if (!table.pixels) {
    out.set(table.x.subarray(start, start + width), offset);
    return;
  }
  const scale = table.pixelScale ?? 1;
  for (let c = 0; c < width; c++) out[offset + c] = table.pixels[start + c] * scale;
}

/** A byte table: `bytes` count × columns, with x left empty (the contract's layout for image data). */
export function pixelTable(parts: Omit<DataTable, 'x' | 'pixels' | 'pixelScale'> & { bytes: Uint8Array; scale: number }): DataTable {
  const { bytes, scale, ...rest } = parts;
  return { ...rest, x: new Float32Array(0), pixels: bytes, pixelScale: scale };
}

/** The image shape of a byte table of one square grey channel (MNIST, the shapes set), else null. */
export function imageShapeOf(table: Pick<DataTable, 'pixels' | 'columns'>): ImageShape | null {
  if (!table.pixels) return null;
  const side = Math.round(Math.sqrt(table.columns.length));
  return side > 1 && side * side === table.columns.length ? { height: side, width: side, channels: 1 } : null;
}

/** Grey values 0..1 (values outside are clamped) as RGBA bytes for an ImageData: white on black. */
export function greyRgba(values: ArrayLike<number>, count = values.length): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(count * 4);
  for (let p = 0; p < count; p++) {
    const v = Math.round(Math.max(0, Math.min(1, values[p])) * 255);
    rgba[4 * p] = v;
    rgba[4 * p + 1] = v;
    rgba[4 * p + 2] = v;
    rgba[4 * p + 3] = 255;
  }
  return rgba;
}

/** One row of an image table as RGBA bytes (white on black), raw values taken as 0..1. */
export function rowRgba(table: DataTable, row: number): Uint8ClampedArray<ArrayBuffer> {
  const values = new Float32Array(table.columns.length);
  copyRow(table, row, values);
  return greyRgba(values);
}
