/**
 * A seeded image set that small conv nets learn visibly: stripes, crosses and rings drawn anti-aliased at
 * random places, sizes and brightness on a noisy 24×24 background. Each class is a different arrangement of
 * strokes, not a different brightness, so a filter has to find edges and line ends to tell them apart.
 * Stored as bytes (raw value = byte / 255), like MNIST.
 */
import type { DataTable } from '../../../workers/protocol';
import { createRng, type Rng } from '../../../workers/engine';
import { pixelTable } from './images';

export const SHAPES_SIDE = 24;
export const SHAPES_PIXELS = SHAPES_SIDE * SHAPES_SIDE;
export const SHAPE_CLASSES = ['stripes', 'cross', 'ring'] as const;
export const SHAPES_COLUMNS = Array.from({ length: SHAPES_PIXELS }, (_, i) => `p${i}`);

/** Distance from a pixel centre to the shape's stroke centre line. */
type Stroke = (x: number, y: number) => number;

/** Distance from (x, y) to the segment (ax, ay)–(bx, by). */
function segment(ax: number, ay: number, bx: number, by: number): Stroke {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  return (x, y) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length2));
    return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
  };
}

const union =
  (strokes: Stroke[]): Stroke =>
  (x, y) =>
    Math.min(...strokes.map((s) => s(x, y)));

/** Three or four parallel lines, horizontal or vertical, 4–5 pixels apart. */
function stripes(rng: Rng): Stroke {
  const lines = 3 + rng.int(2);
  const gap = 4 + rng.int(2);
  const length = 8 + rng.int(7);
  const across = (lines - 1) * gap;
  const u0 = 2 + rng.uniform(0, SHAPES_SIDE - 4 - length);
  const v0 = 2 + rng.uniform(0, SHAPES_SIDE - 4 - across);
  const vertical = rng.next() < 0.5;
  const strokes = Array.from({ length: lines }, (_, k) => {
    const v = v0 + k * gap;
    return vertical ? segment(v, u0, v, u0 + length) : segment(u0, v, u0 + length, v);
  });
  return union(strokes);
}

/** A plus or a diagonal cross with arms of 4–7 pixels. */
function cross(rng: Rng): Stroke {
  const arm = 4 + rng.uniform(0, 3);
  const cx = 2 + arm + rng.uniform(0, SHAPES_SIDE - 4 - 2 * arm);
  const cy = 2 + arm + rng.uniform(0, SHAPES_SIDE - 4 - 2 * arm);
  const angle = rng.next() < 0.5 ? 0 : Math.PI / 4;
  const ux = Math.cos(angle) * arm;
  const uy = Math.sin(angle) * arm;
  return union([segment(cx - ux, cy - uy, cx + ux, cy + uy), segment(cx + uy, cy - ux, cx - uy, cy + ux)]);
}

/** A ring of radius 3.5–7 pixels. */
function ring(rng: Rng): Stroke {
  const radius = 3.5 + rng.uniform(0, 3.5);
  const cx = 2 + radius + rng.uniform(0, SHAPES_SIDE - 4 - 2 * radius);
  const cy = 2 + radius + rng.uniform(0, SHAPES_SIDE - 4 - 2 * radius);
  return (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - radius);
}

const MAKERS = [stripes, cross, ring];

/** Draw one image into `out` (SHAPES_PIXELS bytes): stroke about 1 px wide with a one-pixel soft edge, plus noise. */
function draw(rng: Rng, label: number, noise: number, out: Uint8Array): void {
  const stroke = MAKERS[label](rng);
  const brightness = rng.uniform(0.6, 1);
  for (let y = 0; y < SHAPES_SIDE; y++) {
    for (let x = 0; x < SHAPES_SIDE; x++) {
      const d = stroke(x + 0.5, y + 0.5);
      const ink = Math.max(0, Math.min(1, 1.4 - d)) * brightness;
      const value = ink + noise * 0.35 * rng.normal();
      out[y * SHAPES_SIDE + x] = Math.round(Math.max(0, Math.min(1, value)) * 255);
    }
  }
}

export interface ShapesOptions {
  count: number;
  /** 0..1: pixel noise, standard deviation 0.35 × noise on the 0..1 scale */
  noise: number;
  seed: number;
  /** how many of the (shuffled) images are the test set: the last ones */
  testRows: number;
}

/** The table: classes in equal shares, shuffled, test rows last; same options, same bytes. */
export function generateShapes({ count, noise, seed, testRows }: ShapesOptions): DataTable {
  const n = Math.max(0, Math.floor(count));
  const level = Number.isFinite(noise) ? Math.max(0, Math.min(1, noise)) : 0;
  const rng = createRng(seed);
  const labels = rng.shuffle(Array.from({ length: n }, (_, i) => i % SHAPE_CLASSES.length));
  const bytes = new Uint8Array(n * SHAPES_PIXELS);
  const y = new Float32Array(n);
  const isTest = new Uint8Array(n);
  const firstTest = n - Math.max(0, Math.min(n, testRows));
  labels.forEach((label, i) => {
    draw(rng, label, level, bytes.subarray(i * SHAPES_PIXELS, (i + 1) * SHAPES_PIXELS));
    y[i] = label;
    isTest[i] = i >= firstTest ? 1 : 0;
  });
  return pixelTable({
    count: n,
    columns: [...SHAPES_COLUMNS],
    bytes,
    scale: 1 / 255,
    y,
    classes: [...SHAPE_CLASSES],
    targetColumns: [],
    isTest
  });
}
