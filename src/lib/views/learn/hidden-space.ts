/**
 * Geometry and colours for the hidden-space scatter: each sample placed at the activations of a
 * 2-unit hidden group.
 */

export interface Bounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/**
 * The box around all finite points (count × 2, row-major), padded by 8% and widened to at least
 * 0.1 per axis so a collapsed group (all points at one value, e.g. dead ReLUs) still draws.
 */
export function scatterBounds(points: Float32Array): Bounds | null {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i];
    const y = points[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < xMin) xMin = x;
    if (x > xMax) xMax = x;
    if (y < yMin) yMin = y;
    if (y > yMax) yMax = y;
  }
  if (xMin > xMax) return null;
  const widen = (lo: number, hi: number): [number, number] => {
    const span = Math.max(hi - lo, 0.1);
    const mid = (lo + hi) / 2;
    const half = (span / 2) * 1.08;
    return [mid - half, mid + half];
  };
  [xMin, xMax] = widen(xMin, xMax);
  [yMin, yMax] = widen(yMin, yMax);
  return { xMin, xMax, yMin, yMax };
}

/** Two classes in the playground's orange/blue; more classes from a palette distinct for colour-blind readers. */
const PALETTE = ['#f59322', '#0877bd', '#16a34a', '#9333ea', '#dc2626', '#0891b2', '#ca8a04', '#db2777', '#4b5563', '#65a30d'];

export function classColour(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length];
}

/** Regression targets: orange (low) through white to blue (high), as the output heat-map. */
export function valueColour(value: number, lo: number, hi: number): string {
  const t = hi > lo && Number.isFinite(value) ? Math.min(1, Math.max(0, (value - lo) / (hi - lo))) : 0.5;
  const mix = (a: number[], b: number[], s: number) => a.map((v, k) => Math.round(v + (b[k] - v) * s));
  const orange = [245, 147, 34];
  const white = [232, 234, 235];
  const blue = [8, 119, 189];
  const c = t < 0.5 ? mix(orange, white, t * 2) : mix(white, blue, (t - 0.5) * 2);
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** Per-class counts and the mean position of each class, for the text alternative. */
export function classCentroids(
  points: Float32Array,
  labels: Float32Array,
  classCount: number
): { count: number; x: number; y: number }[] {
  const out = Array.from({ length: classCount }, () => ({ count: 0, x: 0, y: 0 }));
  const n = Math.min(labels.length, Math.floor(points.length / 2));
  for (let s = 0; s < n; s++) {
    const c = labels[s];
    if (!(c >= 0 && c < classCount)) continue;
    const x = points[2 * s];
    const y = points[2 * s + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const o = out[Math.floor(c)];
    o.count++;
    o.x += x;
    o.y += y;
  }
  for (const o of out) {
    if (o.count > 0) {
      o.x /= o.count;
      o.y /= o.count;
    }
  }
  return out;
}

/**
 * Ids of the hidden groups the view can show (exactly 2 units), in document order, so the page
 * can offer them or pick the first.
 */
export function twoUnitGroups(doc: { nodes: readonly { id: string; kind: string; units: number }[] }): string[] {
  return doc.nodes.filter((n) => n.kind === 'dense' && n.units === 2).map((n) => n.id);
}
