/**
 * Seeded 2-D data sets in the style of the reference playground: points in about [-6, 6]²,
 * columns x1 and x2, noise in 0..1 (the reference slider / 100). Same source, same table, bit for bit.
 *
 * Two-class sets use class 0 = 'class A' (drawn orange, the reference tool's −1)
 * and class 1 = 'class B' (drawn blue, the reference tool's +1).
 */
import type { DataTable } from '../../../workers/protocol';
import { createRng, type Rng } from '../../../workers/engine';
import type { GeneratedSource, GeneratorId } from '../model/playground';
import { parseExpression } from './expression';
import { generateShapes, SHAPE_CLASSES } from './shapes';

export const CLASS_NAMES = ['class A', 'class B', 'class C', 'class D', 'class E'] as const;

/** Half-width of the square the points live in. */
export const DATA_RADIUS = 6;

/** What each generator is, for galleries and hints. */
export const GENERATOR_INFO: Record<
  GeneratorId,
  /** image: a set of pictures (one pixel per column), shown with the image sets, not the 2-D gallery */
  { title: string; short: string; problem: 'classification' | 'regression'; multiClass: boolean; image?: true }
> = {
  circle: { title: 'Circle', short: 'Circle', problem: 'classification', multiClass: false },
  xor: { title: 'Exclusive or', short: 'XOR', problem: 'classification', multiClass: false },
  gaussians: { title: 'Two Gaussians', short: 'Gaussians', problem: 'classification', multiClass: false },
  spiral: { title: 'Spiral', short: 'Spiral', problem: 'classification', multiClass: false },
  moons: { title: 'Moons', short: 'Moons', problem: 'classification', multiClass: false },
  checkerboard: { title: 'Checkerboard', short: 'Checkers', problem: 'classification', multiClass: false },
  function: { title: 'Above / below y = f(x)', short: 'y = f(x)', problem: 'classification', multiClass: false },
  gaussians_multi: { title: 'Gaussian clusters', short: 'Clusters', problem: 'classification', multiClass: true },
  spiral_multi: { title: 'Spiral arms', short: 'Arms', problem: 'classification', multiClass: true },
  plane: { title: 'Plane (regression)', short: 'Plane', problem: 'regression', multiClass: false },
  multi_gaussian: { title: 'Gaussian hills (regression)', short: 'Hills', problem: 'regression', multiClass: false },
  shapes: { title: 'Stripes, crosses and rings (24×24 images)', short: 'Shapes', problem: 'classification', multiClass: false, image: true }
};

export const DEFAULT_EXPRESSION = 'sin(1.5*x) * 2';
export const MIN_CLASSES = 3;
export const MAX_CLASSES = 5;

/** A point and its class index (classification) or value (regression). */
interface Point {
  x1: number;
  x2: number;
  y: number;
}

type Maker = (rng: Rng, count: number, noise: number, source: GeneratedSource) => Point[];

/** Split n into k near-equal parts, the first ones one larger. */
function shares(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
}

/** Clamp to the square so thumbnails and bounds stay put however large the noise. */
function clamp(v: number): number {
  return Math.max(-DATA_RADIUS, Math.min(DATA_RADIUS, v));
}

/** Reference tool: an inner disc (B) and an outer ring (A); noise moves the point the label is read at. */
const circle: Maker = (rng, count, noise) => {
  const radius = 5;
  const points: Point[] = [];
  const [inner, outer] = shares(count, 2);
  const label = (x: number, y: number) => (Math.hypot(x, y) < radius * 0.5 ? 1 : 0);
  const add = (n: number, rMin: number, rMax: number) => {
    for (let i = 0; i < n; i++) {
      const r = rng.uniform(rMin, rMax);
      const angle = rng.uniform(0, 2 * Math.PI);
      const x1 = r * Math.sin(angle);
      const x2 = r * Math.cos(angle);
      const nx = rng.uniform(-radius, radius) * noise;
      const ny = rng.uniform(-radius, radius) * noise;
      points.push({ x1, x2, y: label(x1 + nx, x2 + ny) });
    }
  };
  add(inner, 0, radius * 0.5);
  add(outer, radius * 0.7, radius);
  return points;
};

/** Reference tool: uniform points kept 0.3 away from the axes; B where x1·x2 ≥ 0 (read at the noisy point). */
const xor: Maker = (rng, count, noise) => {
  const padding = 0.3;
  const points: Point[] = [];
  for (let i = 0; i < count; i++) {
    let x1 = rng.uniform(-5, 5);
    x1 += x1 > 0 ? padding : -padding;
    let x2 = rng.uniform(-5, 5);
    x2 += x2 > 0 ? padding : -padding;
    const nx = rng.uniform(-5, 5) * noise;
    const ny = rng.uniform(-5, 5) * noise;
    points.push({ x1, x2, y: (x1 + nx) * (x2 + ny) >= 0 ? 1 : 0 });
  }
  return points;
};

/** Reference tool: the variance grows linearly from 0.5 at noise 0 to 4 at noise 0.5. */
function gaussianSpread(noise: number): number {
  return Math.sqrt(0.5 + 7 * noise);
}

const gaussians: Maker = (rng, count, noise) => {
  const sd = gaussianSpread(noise);
  const points: Point[] = [];
  const [a, b] = shares(count, 2);
  for (let i = 0; i < a; i++) points.push({ x1: clamp(-2 + sd * rng.normal()), x2: clamp(-2 + sd * rng.normal()), y: 0 });
  for (let i = 0; i < b; i++) points.push({ x1: clamp(2 + sd * rng.normal()), x2: clamp(2 + sd * rng.normal()), y: 1 });
  return points;
};

/** k interleaved arms, each 1.75 turns long, radius 0..5; noise jitters points by up to ±noise. */
function spiralArms(rng: Rng, count: number, noise: number, arms: number): Point[] {
  const points: Point[] = [];
  shares(count, arms).forEach((n, arm) => {
    const delta = (2 * Math.PI * arm) / arms;
    for (let i = 0; i < n; i++) {
      const r = (i / n) * 5;
      const t = ((1.75 * i) / n) * 2 * Math.PI + delta;
      points.push({
        x1: r * Math.sin(t) + rng.uniform(-1, 1) * noise,
        x2: r * Math.cos(t) + rng.uniform(-1, 1) * noise,
        y: arm
      });
    }
  });
  return points;
}

/** The reference tool's two-arm spiral: its +1 arm (B) starts at angle 0, its −1 arm (A) at π. */
const spiral: Maker = (rng, count, noise) => {
  return spiralArms(rng, count, noise, 2).map((p) => ({ ...p, y: 1 - p.y }));
};

const spiralMulti: Maker = (rng, count, noise, source) => spiralArms(rng, count, noise, classCount(source));

/** Two interleaved half-moons scaled to about [-5, 5]; noise jitters points by up to ±1.5·noise. */
const moons: Maker = (rng, count, noise) => {
  const scale = 3.5;
  const points: Point[] = [];
  const [a, b] = shares(count, 2);
  for (let i = 0; i < a; i++) {
    const t = rng.uniform(0, Math.PI);
    points.push({
      x1: (Math.cos(t) - 0.5) * scale + rng.uniform(-1.5, 1.5) * noise,
      x2: (Math.sin(t) - 0.25) * scale + rng.uniform(-1.5, 1.5) * noise,
      y: 0
    });
  }
  for (let i = 0; i < b; i++) {
    const t = rng.uniform(0, Math.PI);
    points.push({
      x1: (1 - Math.cos(t) - 0.5) * scale + rng.uniform(-1.5, 1.5) * noise,
      x2: (0.5 - Math.sin(t) - 0.25) * scale + rng.uniform(-1.5, 1.5) * noise,
      y: 1
    });
  }
  return points;
};

/** A 4 × 4 board of 3-unit squares; the colour is read at a point moved by up to ±3·noise. */
const checkerboard: Maker = (rng, count, noise) => {
  const cell = 3;
  const points: Point[] = [];
  for (let i = 0; i < count; i++) {
    const x1 = rng.uniform(-DATA_RADIUS, DATA_RADIUS);
    const x2 = rng.uniform(-DATA_RADIUS, DATA_RADIUS);
    const nx = rng.uniform(-cell, cell) * noise;
    const ny = rng.uniform(-cell, cell) * noise;
    const parity = Math.floor((x1 + nx) / cell) + Math.floor((x2 + ny) / cell);
    points.push({ x1, x2, y: ((parity % 2) + 2) % 2 });
  }
  return points;
};

/**
 * B above the curve y = f(x), A below; the label is read at a point moved by up to ±3·noise.
 * Where f is not finite (1/0, log of a negative), the comparison is false, so the point is A.
 */
const aboveFunction: Maker = (rng, count, noise, source) => {
  const parsed = parseExpression(source.expression ?? DEFAULT_EXPRESSION);
  if (!parsed.ok) throw new Error(`The function "${source.expression}" does not parse: ${parsed.error}`);
  const points: Point[] = [];
  for (let i = 0; i < count; i++) {
    const x1 = rng.uniform(-DATA_RADIUS, DATA_RADIUS);
    const x2 = rng.uniform(-DATA_RADIUS, DATA_RADIUS);
    const nx = rng.uniform(-3, 3) * noise;
    const ny = rng.uniform(-3, 3) * noise;
    points.push({ x1, x2, y: x2 + ny > parsed.evaluate(x1 + nx) ? 1 : 0 });
  }
  return points;
};

/** k clusters on a circle of radius 3.5, spread as the two-Gaussian set. */
const gaussiansMulti: Maker = (rng, count, noise, source) => {
  const k = classCount(source);
  const sd = gaussianSpread(noise) * 0.8;
  const points: Point[] = [];
  shares(count, k).forEach((n, c) => {
    const angle = (2 * Math.PI * c) / k + Math.PI / 4;
    const cx = 3.5 * Math.cos(angle);
    const cy = 3.5 * Math.sin(angle);
    for (let i = 0; i < n; i++) points.push({ x1: clamp(cx + sd * rng.normal()), x2: clamp(cy + sd * rng.normal()), y: c });
  });
  return points;
};

/**
 * A regression surface as in the reference tool: points uniform over the square, each valued at a spot
 * moved by up to ±6·noise, so noise blurs the surface rather than the positions.
 */
function surface(valueAt: (x1: number, x2: number) => number): Maker {
  return (rng, count, noise) => {
    const points: Point[] = [];
    for (let i = 0; i < count; i++) {
      const x1 = rng.uniform(-DATA_RADIUS, DATA_RADIUS);
      const x2 = rng.uniform(-DATA_RADIUS, DATA_RADIUS);
      const nx = rng.uniform(-DATA_RADIUS, DATA_RADIUS) * noise;
      const ny = rng.uniform(-DATA_RADIUS, DATA_RADIUS) * noise;
      points.push({ x1, x2, y: valueAt(x1 + nx, x2 + ny) });
    }
    return points;
  };
}

/** Reference tool: value (x1 + x2) / 10 in [-1.2, 1.2]. */
const plane = surface((x1, x2) => (x1 + x2) / 10);

/** Reference tool: six ±1 hills; the value is the strongest hill, fading to 0 at distance 2. */
const HILLS: [number, number, number][] = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1]
];
export function hillValue(x: number, y: number): number {
  let value = 0;
  for (const [cx, cy, sign] of HILLS) {
    const strength = sign * Math.max(0, 1 - Math.hypot(x - cx, y - cy) / 2);
    if (Math.abs(strength) > Math.abs(value)) value = strength;
  }
  return value;
}

const multiGaussian = surface(hillValue);

const MAKERS: Record<Exclude<GeneratorId, 'shapes'>, Maker> = {
  circle,
  xor,
  gaussians,
  spiral,
  moons,
  checkerboard,
  function: aboveFunction,
  gaussians_multi: gaussiansMulti,
  spiral_multi: spiralMulti,
  plane,
  multi_gaussian: multiGaussian
};

/** Number of classes the source will produce (2 unless multi-class). */
export function classCount(source: GeneratedSource): number {
  const info = GENERATOR_INFO[source.generator];
  if (info.problem === 'regression') return 0;
  if (source.generator === 'shapes') return SHAPE_CLASSES.length;
  if (!info.multiClass) return 2;
  const k = Math.round(source.classes ?? MIN_CLASSES);
  return Math.max(MIN_CLASSES, Math.min(MAX_CLASSES, k));
}

/** Number of rows held out for testing: round(count × testFraction), with testFraction clamped to [0, 0.9]. */
export function testRowCount(count: number, testFraction: number): number {
  const f = Number.isFinite(testFraction) ? Math.max(0, Math.min(0.9, testFraction)) : 0;
  return Math.round(count * f);
}

/**
 * Make the table a generated source describes. The points are shuffled (seeded) and the last
 * round(count × testFraction) of them are the test rows, so the split is random but reproducible.
 * Throws only for a 'function' source whose expression does not parse. Sources from outside (files, links,
 * host messages, storage) cannot carry one: the schema refuses them with the parse error, so only code can.
 */
export function generate(source: GeneratedSource): DataTable {
  const count = Math.max(0, Math.floor(source.count));
  const noise = Number.isFinite(source.noise) ? Math.max(0, Math.min(1, source.noise)) : 0;
  if (source.generator === 'shapes') {
    return generateShapes({ count, noise, seed: source.seed, testRows: testRowCount(count, source.testFraction) });
  }
  const rng = createRng(source.seed);
  const points = MAKERS[source.generator](rng, count, noise, source);
  rng.shuffle(points);

  const x = new Float32Array(count * 2);
  const y = new Float32Array(count);
  const isTest = new Uint8Array(count);
  const firstTest = count - testRowCount(count, source.testFraction);
  points.forEach((p, i) => {
    x[2 * i] = p.x1;
    x[2 * i + 1] = p.x2;
    y[i] = p.y;
    isTest[i] = i >= firstTest ? 1 : 0;
  });

  const regression = GENERATOR_INFO[source.generator].problem === 'regression';
  return {
    count,
    columns: ['x1', 'x2'],
    x,
    y,
    classes: regression ? null : CLASS_NAMES.slice(0, classCount(source)),
    targetColumns: regression ? ['y'] : [],
    isTest
  };
}
