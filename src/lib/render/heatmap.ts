/**
 * The diverging colour scale of the reference tool: orange for negative, white at zero, blue for positive.
 * Pure (no pixi), so the output boundary view reuses it and node tests cover it.
 */
export const NEGATIVE_RGB: readonly [number, number, number] = [0xf5, 0x93, 0x22];
export const POSITIVE_RGB: readonly [number, number, number] = [0x08, 0x77, 0xbd];
export const NEGATIVE_COLOR = 0xf59322;
export const POSITIVE_COLOR = 0x0877bd;

/** The colour of `v / range`, clamped to [-1, 1]; non-finite values are drawn as zero (white). */
export function diverging(v: number, range = 1): [number, number, number] {
  const out: [number, number, number] = [255, 255, 255];
  writeDiverging(v, range, out, 0);
  return out;
}

function writeDiverging(v: number, range: number, out: { [i: number]: number }, at: number): void {
  let t = v / range;
  if (!Number.isFinite(t)) t = 0;
  if (t > 1) t = 1;
  else if (t < -1) t = -1;
  const target = t < 0 ? NEGATIVE_RGB : POSITIVE_RGB;
  const a = Math.abs(t);
  out[at] = Math.round(255 + (target[0] - 255) * a);
  out[at + 1] = Math.round(255 + (target[1] - 255) * a);
  out[at + 2] = Math.round(255 + (target[2] - 255) * a);
}

/** The diverging colour as a 0xRRGGBB number (for pixi tints and strokes). */
export function divergingHex(v: number, range = 1): number {
  const [r, g, b] = diverging(v, range);
  return (r << 16) | (g << 8) | b;
}

/** Levels of the lookup table on each side of zero: finer than 8-bit colour can show. */
const LEVELS = 255;
let table: Uint8Array | null = null;

/** The colours of t = k / LEVELS - 1 for k = 0 .. 2·LEVELS, built once: painting is then a table lookup per pixel. */
function lookupTable(): Uint8Array {
  if (table) return table;
  table = new Uint8Array((2 * LEVELS + 1) * 3);
  for (let k = 0; k <= 2 * LEVELS; k++) writeDiverging(k / LEVELS - 1, 1, table, k * 3);
  return table;
}

/**
 * Paint `size × size` values starting at `values[offset]` (row-major, row 0 on top) into `out` as opaque RGBA.
 * `out` must hold at least size·size·4 bytes; nothing is allocated, so it can run per snapshot per unit.
 * Colours come from a 511-entry table (within one colour level of `diverging`).
 */
export function fillHeatmapRGBA(
  values: Float32Array,
  offset: number,
  size: number,
  out: Uint8ClampedArray,
  range = 1
): void {
  const lut = lookupTable();
  const count = size * size;
  const scale = LEVELS / range;
  for (let k = 0; k < count; k++) {
    let t = values[offset + k] * scale;
    // NaN fails both comparisons below and would index nothing: treat it as zero (white), like diverging().
    if (!(t === t)) t = 0;
    else if (t > LEVELS) t = LEVELS;
    else if (t < -LEVELS) t = -LEVELS;
    const at = (Math.round(t) + LEVELS) * 3;
    const p = k * 4;
    out[p] = lut[at];
    out[p + 1] = lut[at + 1];
    out[p + 2] = lut[at + 2];
    out[p + 3] = 255;
  }
}

/** Largest side of a neuron tile's texture: a tile is about 36 world units wide, so finer detail is never seen. */
export const TILE_MAX = 32;

/** How many grid points per side are averaged into one tile pixel (1 when the grid is already small). */
export function tileStep(gridSize: number, max = TILE_MAX): number {
  return gridSize <= max ? 1 : Math.ceil(gridSize / max);
}

/** Side of the tile texture for a grid: the grid subsampled by tileStep. */
export function tileSize(gridSize: number, max = TILE_MAX): number {
  return Math.floor(gridSize / tileStep(gridSize, max));
}

/**
 * Paint a neuron tile: each pixel is the mean of a step × step block of the `size × size` grid at
 * `values[offset]`, coloured as fillHeatmapRGBA does. Averaging (rather than picking every step-th point)
 * keeps the tile centred on the same plane as the full grid.
 * `at` (a pixel index) and `stride` (pixels per row) place the tile inside a larger image, such as an atlas.
 * Returns a hash of the colours written, so a caller can skip the texture upload when nothing changed.
 */
export function fillHeatmapTileRGBA(
  values: Float32Array,
  offset: number,
  size: number,
  step: number,
  out: Uint8ClampedArray,
  range = 1,
  at = 0,
  stride = Math.floor(size / step)
): number {
  const lut = lookupTable();
  const side = Math.floor(size / step);
  const scale = LEVELS / range / (step * step);
  let hash = 0x811c9dc5;
  for (let ty = 0; ty < side; ty++) {
    for (let tx = 0; tx < side; tx++) {
      let sum = 0;
      for (let dy = 0; dy < step; dy++) {
        const row = offset + (ty * step + dy) * size + tx * step;
        for (let dx = 0; dx < step; dx++) sum += values[row + dx];
      }
      let t = sum * scale;
      if (!(t === t)) t = 0;
      else if (t > LEVELS) t = LEVELS;
      else if (t < -LEVELS) t = -LEVELS;
      const level = Math.round(t) + LEVELS;
      hash = Math.imul(hash ^ level, 0x01000193);
      const c = level * 3;
      const p = (at + ty * stride + tx) * 4;
      out[p] = lut[c];
      out[p + 1] = lut[c + 1];
      out[p + 2] = lut[c + 2];
      out[p + 3] = 255;
    }
  }
  return hash >>> 0;
}
