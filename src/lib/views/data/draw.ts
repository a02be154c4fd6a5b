/**
 * Small canvas-2D drawings for the data panel (thumbnails, digits). The colour rules are pure and tested;
 * the drawing functions only loop over a table and paint.
 */
import type { DataTable } from '../../../../workers/protocol';

/** Two classes as in the reference tool (orange = A, blue = B), then three more distinct hues. */
export const CLASS_COLOURS = ['#f59322', '#0877bd', '#2ca02c', '#9467bd', '#d62728'];

export function classColour(index: number): string {
  return CLASS_COLOURS[((index % CLASS_COLOURS.length) + CLASS_COLOURS.length) % CLASS_COLOURS.length];
}

/** A regression value in [-1, 1] as orange (−1) → light grey (0) → blue (+1); outside values are clamped. */
export function valueColour(value: number): string {
  const t = Number.isFinite(value) ? Math.max(-1, Math.min(1, value)) : 0;
  const mid = [232, 234, 235];
  const end = t < 0 ? [245, 147, 34] : [8, 119, 189];
  const k = Math.abs(t);
  const [r, g, b] = mid.map((m, i) => Math.round(m + (end[i] - m) * k));
  return `rgb(${r}, ${g}, ${b})`;
}

export interface ScatterOptions {
  /** world bounds shown; default [-6, 6] on both axes */
  min?: number;
  max?: number;
  radius?: number;
  /** regression values are divided by this before colouring */
  valueScale?: number;
}

/** Paint a 2-column table's points on a square canvas of `size` CSS pixels (already scaled for DPR by the caller). */
export function drawScatter(ctx: CanvasRenderingContext2D, table: DataTable, size: number, options: ScatterOptions = {}): void {
  const { min = -6, max = 6, radius = 1.6, valueScale = 1 } = options;
  const width = table.columns.length;
  const toPixel = (v: number) => ((v - min) / (max - min)) * size;
  ctx.clearRect(0, 0, size, size);
  ctx.fillStyle = '#f8fafc';
  ctx.fillRect(0, 0, size, size);
  for (let i = 0; i < table.count; i++) {
    const px = toPixel(table.x[i * width]);
    const py = size - toPixel(table.x[i * width + Math.min(1, width - 1)]);
    ctx.fillStyle = table.classes ? classColour(table.y[i]) : valueColour(table.y[i] / valueScale);
    ctx.beginPath();
    ctx.arc(px, py, radius, 0, 2 * Math.PI);
    ctx.fill();
  }
}

export interface DigitCell {
  row: number;
  truth: number;
  /** null before the first prediction */
  predicted: number | null;
  wrong: boolean;
}

/** The digit grid's cells: true and predicted class per shown row (predictions in the order of `indices`). */
export function digitCells(table: DataTable, indices: number[], predictions: ArrayLike<number> | null): DigitCell[] {
  return indices.map((row, k) => {
    const truth = table.y[row];
    const predicted = predictions && k < predictions.length ? predictions[k] : null;
    return { row, truth, predicted, wrong: predicted !== null && predicted !== truth };
  });
}
