/**
 * PNG export: one picture of several canvases (the network canvas, the output view, the charts) laid out
 * in a row that wraps, on a solid background. The layout is a pure function; drawing needs a DOM.
 *
 * A WebGL canvas (pixi) is blank once its frame has been shown, so it is not copied: its renderer registered
 * a capture (render/capture) that renders the scene again and reads it back, and that picture is drawn.
 */
import { captureOf } from '../render/capture';

/**
 * The canvases in the picture: those the views mark with data-export-png (or hold in a marked box), but not
 * the overlay over the network canvas (selection, hover, gesture ghosts: the state of a moment, and often
 * an empty 0×0 canvas).
 */
export const PNG_CANVASES = '[data-export-png] canvas:not([data-overlay]), canvas[data-export-png]';

export interface Size {
  width: number;
  height: number;
}
export interface Placement {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Places boxes left to right, wrapping at maxWidth; rows are as tall as their tallest box. */
export function layoutRow(sizes: Size[], options: { gap?: number; padding?: number; maxWidth?: number } = {}): {
  width: number;
  height: number;
  placements: Placement[];
} {
  const gap = options.gap ?? 16;
  const padding = options.padding ?? 16;
  const maxWidth = options.maxWidth ?? 2400;
  const placements: Placement[] = [];
  let x = padding;
  let y = padding;
  let rowHeight = 0;
  let width = 0;
  for (const size of sizes) {
    const w = Math.max(0, Math.round(size.width));
    const h = Math.max(0, Math.round(size.height));
    if (x > padding && x + w + padding > maxWidth) {
      x = padding;
      y += rowHeight + gap;
      rowHeight = 0;
    }
    placements.push({ x, y, width: w, height: h });
    x += w + gap;
    rowHeight = Math.max(rowHeight, h);
    width = Math.max(width, x - gap + padding);
  }
  return { width: Math.max(width, 2 * padding), height: y + rowHeight + padding, placements };
}

/** The canvas itself, or the picture its renderer captures (WebGL). */
export async function pictureOf(canvas: HTMLCanvasElement): Promise<CanvasImageSource> {
  const capture = captureOf(canvas);
  return capture ? capture() : canvas;
}

/** Draws the canvases into one PNG. Rejects with a sentence when the browser refuses (a tainted canvas). */
export async function composePng(canvases: HTMLCanvasElement[], options: { background?: string; gap?: number; padding?: number } = {}): Promise<Blob> {
  const { width, height, placements } = layoutRow(
    canvases.map((c) => ({ width: c.width, height: c.height })),
    options
  );
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const context = out.getContext('2d');
  if (!context) throw new Error('The picture could not be drawn: this browser gave no 2-D canvas.');
  context.fillStyle = options.background ?? '#ffffff';
  context.fillRect(0, 0, width, height);
  const sources = await Promise.all(canvases.map(pictureOf));
  sources.forEach((source, i) => {
    const p = placements[i];
    context.drawImage(source, p.x, p.y, p.width, p.height);
  });
  return new Promise((resolve, reject) => {
    try {
      out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be encoded as PNG.'))), 'image/png');
    } catch (problem) {
      reject(new Error(`The picture could not be saved: ${problem instanceof Error ? problem.message : String(problem)}`));
    }
  });
}
