import { describe, expect, it } from 'vitest';
import { generate } from './generators';
import { generateShapes, SHAPE_CLASSES, SHAPES_PIXELS, SHAPES_SIDE } from './shapes';

const options = { count: 300, noise: 0.2, seed: 7, testRows: 60 };

/** Ink (bytes above half) per row: how many pixels are lit, and how many rows and columns they span. */
function ink(bytes: Uint8Array, row: number) {
  const rows = new Set<number>();
  const cols = new Set<number>();
  let lit = 0;
  for (let p = 0; p < SHAPES_PIXELS; p++) {
    if (bytes[row * SHAPES_PIXELS + p] < 128) continue;
    lit++;
    rows.add(Math.floor(p / SHAPES_SIDE));
    cols.add(p % SHAPES_SIDE);
  }
  return { lit, rows: rows.size, cols: cols.size };
}

describe('generateShapes', () => {
  it('stores bytes only (x empty), three balanced classes, the test rows last', () => {
    const table = generateShapes(options);
    expect(table.count).toBe(300);
    expect(table.x.length).toBe(0);
    expect(table.pixels!.length).toBe(300 * SHAPES_PIXELS);
    expect(table.pixelScale).toBeCloseTo(1 / 255, 12);
    expect(table.columns.length).toBe(SHAPES_PIXELS);
    expect(table.classes).toEqual([...SHAPE_CLASSES]);
    const perClass = [0, 0, 0];
    for (const label of table.y) perClass[label]++;
    expect(perClass).toEqual([100, 100, 100]);
    expect(Array.from(table.isTest.slice(0, 240)).every((t) => t === 0)).toBe(true);
    expect(Array.from(table.isTest.slice(240)).every((t) => t === 1)).toBe(true);
  });

  it('is the same bytes for the same seed and different for another', () => {
    const a = generateShapes(options);
    const b = generateShapes(options);
    const c = generateShapes({ ...options, seed: 8 });
    expect(a.pixels).toEqual(b.pixels);
    expect(a.pixels).not.toEqual(c.pixels);
  });

  it('draws a visible shape in every image, at varying places', () => {
    const table = generateShapes({ ...options, noise: 0 });
    const firstLit = new Set<number>();
    for (let row = 0; row < table.count; row++) {
      const { lit } = ink(table.pixels!, row);
      expect(lit).toBeGreaterThan(12);
      expect(lit).toBeLessThan(SHAPES_PIXELS / 2);
      firstLit.add(table.pixels!.subarray(row * SHAPES_PIXELS, (row + 1) * SHAPES_PIXELS).findIndex((v) => v >= 128));
    }
    expect(firstLit.size).toBeGreaterThan(50);
  });

  it('noise changes the background, not the labels', () => {
    const clean = generateShapes({ ...options, noise: 0 });
    const noisy = generateShapes({ ...options, noise: 1 });
    expect(noisy.y).toEqual(clean.y);
    const zeros = (bytes: Uint8Array) => bytes.reduce((n, v) => n + (v === 0 ? 1 : 0), 0);
    expect(zeros(noisy.pixels!)).toBeLessThan(zeros(clean.pixels!) * 0.8);
  });

  it('is the "shapes" generator of the gallery, with its test fraction', () => {
    const table = generate({ kind: 'generated', generator: 'shapes', count: 90, noise: 0.1, testFraction: 0.2, seed: 3 });
    expect(table.count).toBe(90);
    expect(table.isTest.reduce((s, v) => s + v, 0)).toBe(18);
    expect(table.classes).toEqual([...SHAPE_CLASSES]);
  });
});
