import { describe, expect, it } from 'vitest';
import type { DataTable } from '../../../workers/protocol';
import { GENERATORS, type GeneratedSource, type GeneratorId } from '../model/playground';
import { classCount, generate, GENERATOR_INFO, hillValue, testRowCount } from './generators';

function source(generator: GeneratorId, patch: Partial<GeneratedSource> = {}): GeneratedSource {
  return { kind: 'generated', generator, count: 400, noise: 0, testFraction: 0.5, seed: 7, ...patch };
}

function classCounts(table: DataTable): number[] {
  const counts = new Array(table.classes!.length).fill(0);
  for (let i = 0; i < table.count; i++) counts[table.y[i]]++;
  return counts;
}

function rows(table: DataTable): { x1: number; x2: number; y: number }[] {
  return Array.from({ length: table.count }, (_, i) => ({ x1: table.x[2 * i], x2: table.x[2 * i + 1], y: table.y[i] }));
}

describe('generate: every 2-D generator (the image set has its own tests in shapes.test.ts)', () => {
  for (const generator of GENERATORS.filter((g) => !GENERATOR_INFO[g].image)) {
    describe(generator, () => {
      const base = source(generator, { noise: 0.2, classes: 4 });

      it('is deterministic for a seed and changes with the seed', () => {
        const a = generate(base);
        const b = generate(base);
        expect(Array.from(a.x)).toEqual(Array.from(b.x));
        expect(Array.from(a.y)).toEqual(Array.from(b.y));
        expect(Array.from(a.isTest)).toEqual(Array.from(b.isTest));
        const c = generate({ ...base, seed: 8 });
        expect(Array.from(c.x)).not.toEqual(Array.from(a.x));
      });

      it('has the requested count, columns x1 and x2, finite values within [-6.5, 6.5]', () => {
        const t = generate(base);
        expect(t.count).toBe(400);
        expect(t.columns).toEqual(['x1', 'x2']);
        expect(t.x.length).toBe(800);
        for (const v of t.x) {
          expect(Number.isFinite(v)).toBe(true);
          expect(Math.abs(v)).toBeLessThanOrEqual(6.5);
        }
      });

      it('respects the test fraction exactly', () => {
        for (const testFraction of [0, 0.25, 0.5, 0.9]) {
          const t = generate({ ...base, testFraction });
          const tests = t.isTest.reduce((s, v) => s + v, 0);
          expect(tests).toBe(Math.round(400 * testFraction));
        }
      });

      if (GENERATOR_INFO[generator].problem === 'classification') {
        it('labels with class indices and names its classes', () => {
          const t = generate(base);
          const k = classCount(base);
          expect(t.classes).toHaveLength(k);
          expect(t.targetColumns).toEqual([]);
          expect(t.classes![0]).toBe('class A');
          for (const v of t.y) expect(Number.isInteger(v) && v >= 0 && v < k).toBe(true);
        });

        it('keeps the classes balanced within ±10% at noise 0', () => {
          const t = generate({ ...base, noise: 0, count: 1000, expression: 'sin(x)' });
          const counts = classCounts(t);
          const even = 1000 / counts.length;
          for (const c of counts) expect(Math.abs(c - even)).toBeLessThanOrEqual(0.1 * even);
        });
      } else {
        it('produces one regression target in [-1.2, 1.2]', () => {
          const t = generate(base);
          expect(t.classes).toBeNull();
          expect(t.targetColumns).toEqual(['y']);
          for (const v of t.y) expect(Math.abs(v)).toBeLessThanOrEqual(1.2 + 1e-6);
        });
      }
    });
  }
});

describe('generate: shapes and noise bounds', () => {
  it('circle: at noise 0 class B is the inner disc (r < 2.5), class A the ring 3.5 ≤ r ≤ 5', () => {
    for (const p of rows(generate(source('circle')))) {
      const r = Math.hypot(p.x1, p.x2);
      if (p.y === 1) expect(r).toBeLessThan(2.5 + 1e-5);
      else {
        expect(r).toBeGreaterThanOrEqual(3.5 - 1e-5);
        expect(r).toBeLessThanOrEqual(5 + 1e-5);
      }
    }
  });

  it('circle: noise only flips labels near the boundary (within 5·noise·√2 of r = 2.5)', () => {
    const noise = 0.3;
    let flipped = 0;
    for (const p of rows(generate(source('circle', { noise, count: 1000 })))) {
      const r = Math.hypot(p.x1, p.x2);
      const clean = r < 2.5 ? 1 : 0;
      if (p.y !== clean) {
        flipped++;
        expect(Math.abs(r - 2.5)).toBeLessThanOrEqual(5 * noise * Math.SQRT2 + 1e-5);
      }
    }
    expect(flipped).toBeGreaterThan(0);
  });

  it('xor: at noise 0 the label is the sign of x1·x2 and points stay 0.3 off the axes', () => {
    for (const p of rows(generate(source('xor')))) {
      expect(p.y).toBe(p.x1 * p.x2 >= 0 ? 1 : 0);
      expect(Math.abs(p.x1)).toBeGreaterThanOrEqual(0.3 - 1e-6);
      expect(Math.abs(p.x2)).toBeGreaterThanOrEqual(0.3 - 1e-6);
      expect(Math.abs(p.x1)).toBeLessThanOrEqual(5.3 + 1e-5);
    }
  });

  it('gaussians: class means near (-2,-2) and (2,2); noise widens the spread', () => {
    const spread = (noise: number) => {
      const pts = rows(generate(source('gaussians', { noise, count: 2000 }))).filter((p) => p.y === 1);
      const mean = pts.reduce((s, p) => s + p.x1, 0) / pts.length;
      const sd = Math.sqrt(pts.reduce((s, p) => s + (p.x1 - mean) ** 2, 0) / pts.length);
      return { mean, sd };
    };
    const quiet = spread(0);
    expect(quiet.mean).toBeCloseTo(2, 0);
    expect(quiet.sd).toBeCloseTo(Math.sqrt(0.5), 1);
    expect(spread(0.5).sd).toBeGreaterThan(1.6);
  });

  it('spiral and moons: jitter stays within the noise amplitude of the clean curve', () => {
    const clean = generate(source('spiral', { noise: 0, testFraction: 0 }));
    const noisy = generate(source('spiral', { noise: 0.5, testFraction: 0 }));
    // Same seed and count: the same radii are produced, so every noisy point lies within 0.5·√2 of the origin-radius r.
    const cleanR = rows(clean).map((p) => Math.hypot(p.x1, p.x2)).sort((a, b) => a - b);
    const noisyR = rows(noisy).map((p) => Math.hypot(p.x1, p.x2)).sort((a, b) => a - b);
    expect(Math.max(...noisyR)).toBeLessThanOrEqual(5 + 0.5 * Math.SQRT2);
    expect(Math.max(...cleanR)).toBeLessThanOrEqual(5);
    for (const p of rows(generate(source('moons', { noise: 0.4 })))) {
      expect(Math.abs(p.x1)).toBeLessThanOrEqual(3.5 * 1.5 + 1.5 * 0.4 + 1e-5);
    }
  });

  it('checkerboard: at noise 0 the colour alternates on 3-unit squares', () => {
    for (const p of rows(generate(source('checkerboard')))) {
      const parity = (((Math.floor(p.x1 / 3) + Math.floor(p.x2 / 3)) % 2) + 2) % 2;
      expect(p.y).toBe(parity);
    }
  });

  it('function: B above y = f(x) at noise 0; an unparsable expression throws with the parser message', () => {
    for (const p of rows(generate(source('function', { expression: 'x^2/3 - 3' })))) {
      expect(p.y).toBe(p.x2 > (p.x1 * p.x1) / 3 - 3 ? 1 : 0);
    }
    expect(() => generate(source('function', { expression: 'x +* 2' }))).toThrow(/does not parse/);
  });

  it('function: non-finite f (1/x at 0, log of negatives) labels the point A without NaN', () => {
    const t = generate(source('function', { expression: 'log(x)' }));
    for (const p of rows(t)) if (p.x1 <= 0) expect(p.y).toBe(0);
    for (const v of t.y) expect(Number.isNaN(v)).toBe(false);
  });

  it('multi-class generators make 3..5 classes, clamping out-of-range requests', () => {
    expect(generate(source('gaussians_multi', { classes: 5 })).classes).toEqual([
      'class A',
      'class B',
      'class C',
      'class D',
      'class E'
    ]);
    expect(generate(source('spiral_multi', { classes: 9 })).classes).toHaveLength(5);
    expect(generate(source('spiral_multi', { classes: 1 })).classes).toHaveLength(3);
  });

  it('plane: value = (x1 + x2) / 10 at noise 0', () => {
    for (const p of rows(generate(source('plane')))) expect(p.y).toBeCloseTo((p.x1 + p.x2) / 10, 5);
  });

  it('multi_gaussian: value is the strongest hill, 1 at a positive centre and 0 far from all', () => {
    expect(hillValue(-4, 2.5)).toBe(1);
    expect(hillValue(0, 2.5)).toBe(-1);
    expect(hillValue(-6, 6)).toBe(0);
    for (const p of rows(generate(source('multi_gaussian')))) expect(p.y).toBeCloseTo(hillValue(p.x1, p.x2), 5);
  });

  it('testRowCount clamps the fraction to [0, 0.9] and survives NaN', () => {
    expect(testRowCount(100, 0.95)).toBe(90);
    expect(testRowCount(100, -1)).toBe(0);
    expect(testRowCount(100, Number.NaN)).toBe(0);
  });
});
