/**
 * The drawing pad's picture as the network's input, prepared the way MNIST's digits were: the ink's bounding
 * box scaled to fit a 20×20 box (of 28; the same share of other sides), then moved so its centre of mass sits
 * at the image's centre. Without this a digit drawn small or in a corner looks nothing like the training data.
 * Pure: grey values 0..1 in, grey values 0..1 out.
 */

/** Ink above this (0..1) counts for the bounding box; faint anti-aliasing does not stretch it. */
const INK = 0.1;

interface Bounds {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function inkBounds(src: Float32Array, size: number): Bounds | null {
  let x0 = size;
  let y0 = size;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (src[y * size + x] <= INK) continue;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/** Supersamples per output pixel side: smooth enough for a 6× downscale. */
const SUB = 4;

/** The source rectangle `b` resampled to width × height pixels (area average by supersampling). */
function resample(src: Float32Array, size: number, b: Bounds, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  const sx = (b.x1 - b.x0) / width;
  const sy = (b.y1 - b.y0) / height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let j = 0; j < SUB; j++) {
        const py = Math.min(size - 1, Math.floor(b.y0 + (y + (j + 0.5) / SUB) * sy));
        for (let i = 0; i < SUB; i++) {
          const px = Math.min(size - 1, Math.floor(b.x0 + (x + (i + 0.5) / SUB) * sx));
          sum += src[py * size + px];
        }
      }
      out[y * width + x] = sum / (SUB * SUB);
    }
  }
  return out;
}

/**
 * `src`: size × size grey values of the pad (white ink = 1). Returns side × side values, the ink fitted
 * into the central box and centred by its mass; all zeros for an empty pad.
 */
export function padToInput(src: Float32Array, size: number, side: number): Float32Array {
  const out = new Float32Array(side * side);
  const b = inkBounds(src, size);
  if (!b) return out;
  const box = Math.max(1, Math.round((side * 20) / 28));
  const scale = box / Math.max(b.x1 - b.x0, b.y1 - b.y0);
  const width = Math.max(1, Math.round((b.x1 - b.x0) * scale));
  const height = Math.max(1, Math.round((b.y1 - b.y0) * scale));
  const fitted = resample(src, size, b, width, height);
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = fitted[y * width + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  const dx = Math.round(side / 2 - mx / mass);
  const dy = Math.round(side / 2 - my / mass);
  for (let y = 0; y < height; y++) {
    const ty = y + dy;
    if (ty < 0 || ty >= side) continue;
    for (let x = 0; x < width; x++) {
      const tx = x + dx;
      if (tx >= 0 && tx < side) out[ty * side + tx] = Math.min(1, fitted[y * width + x]);
    }
  }
  return out;
}
