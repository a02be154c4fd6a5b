/** Colours and sizes of the canvas, in one place so the views agree. */
export const COLORS = {
  nodeFill: 0xffffff,
  nodeBorder: 0x94a3b8,
  unitBorder: 0xcbd5e1,
  unitEmpty: 0xf1f5f9,
  blockFill: 0xe2e8f0,
  selected: 0x2563eb,
  problem: 0xdc2626,
  port: 0x475569,
  label: 0x334155,
  badge: 0x64748b,
  neutralLink: 0x94a3b8,
  edgeSelected: 0x93c5fd,
  hover: 0x0f172a,
  highlight: 0xfacc15,
  ghostOk: 0x16a34a,
  ghostRefused: 0xdc2626,
  ghostFree: 0x64748b,
  box: 0x3b82f6
} as const;

export const PORT_RADIUS = 4;

/** A 0xRRGGBB colour as CSS text (for 2-D canvases and SVG, which do not take pixi's numbers). */
export function cssColor(color: number): string {
  return `#${color.toString(16).padStart(6, '0')}`;
}

/** A link's stroke width for weight w: thin near zero, thick for large weights, clamped. */
export function linkWidth(w: number): number {
  const a = Math.abs(w);
  return Number.isFinite(a) ? 0.6 + Math.min(a, 3) * 1.6 : 0.6;
}

/** A link's opacity: faint near zero so strong weights stand out. */
export function linkAlpha(w: number): number {
  const a = Math.abs(w);
  return Number.isFinite(a) ? 0.25 + 0.75 * Math.min(1, a) : 0.25;
}

/** Grey of a band (a wire too dense to draw link by link), darker for larger mean |w|. */
export function bandColor(meanAbs: number): number {
  const t = Math.min(1, Number.isFinite(meanAbs) ? meanAbs * 2 : 0);
  const c = Math.round(0xcb + (0x47 - 0xcb) * t);
  return (c << 16) | (Math.round(0xd5 + (0x55 - 0xd5) * t) << 8) | Math.round(0xe1 + (0x69 - 0xe1) * t);
}

/** Links are drawn with |w| rounded to this step (up to WEIGHT_MAX, where linkWidth stops growing). */
export const WEIGHT_STEP = 0.05;
export const WEIGHT_MAX = 3;

/**
 * A weight as the canvas draws it: a signed step count (±(1 + round(|w| / WEIGHT_STEP)), 0 when not finite).
 * Two weights with the same level draw the same link, so an edge is redrawn only when a level changes.
 */
export function weightLevel(w: number): number {
  if (!Number.isFinite(w)) return 0;
  const steps = Math.round(Math.min(Math.abs(w), WEIGHT_MAX) / WEIGHT_STEP);
  return w < 0 ? -(steps + 1) : steps + 1;
}

/** The weight a level stands for (its sign is the level's). */
export function levelWeight(level: number): number {
  return level === 0 ? 0 : Math.sign(level) * (Math.abs(level) - 1) * WEIGHT_STEP;
}

/** A hash of the levels of `count` weights from `params[offset]`: equal hashes draw the same links. */
export function levelsHash(params: Float32Array, offset: number, count: number): string {
  let hash = 0x811c9dc5;
  for (let k = 0; k < count; k++) hash = Math.imul(hash ^ (weightLevel(params[offset + k]) & 0xffff), 0x01000193);
  return `${count}:${hash >>> 0}`;
}

/**
 * Points per drawn link, at most. pixi's adaptive Bézier would use two to three times as many; with hundreds
 * of links restroked per snapshot, tessellation is the renderer's main cost, and these gentle S-curves look
 * the same.
 */
export const LINK_SAMPLES = 11;

/**
 * Points for the S-curve from p0 to p1. Its bend grows with the vertical drop, and a polyline's error with
 * the bend over the square of its segments, so segments grow as √|dy|: a link 300 px down keeps all 10,
 * a level one is a straight line of 2 points, and no link is drawn less truly than the steepest one was
 * with 11. Each segment is 2 triangles, which software GL pays again in every frame that changes.
 */
export function linkSamples(p0: { y: number }, p1: { y: number }): number {
  return Math.min(LINK_SAMPLES, 2 + Math.ceil(Math.sqrt(Math.abs(p1.y - p0.y) / 3.5)));
}
