import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from '../../../../workers/engine';
import { sampleActivation, yExtent } from './activation-samples';

describe('sampleActivation', () => {
  it('samples [-5, 5] with exact end points and zero on the grid', () => {
    const s = sampleActivation('relu');
    expect(s.x.length).toBe(201);
    expect(s.x[0]).toBe(-5);
    expect(s.x[200]).toBe(5);
    expect(s.x[100]).toBe(0);
    expect(s.f[0]).toBe(0);
    expect(s.f[200]).toBe(5);
    expect(s.df[0]).toBe(0);
    expect(s.df[200]).toBe(1);
  });

  it('gives sigmoid and its derivative', () => {
    const s = sampleActivation('sigmoid', -2, 2, 4);
    expect(s.x).toEqual([-2, -1, 0, 1, 2]);
    expect(s.f[2]).toBe(0.5);
    expect(s.df[2]).toBe(0.25);
    expect(s.f[3]).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
  });

  it('yields finite values for every activation', () => {
    for (const act of ACTIVATIONS) {
      const s = sampleActivation(act);
      expect(s.f.every(Number.isFinite)).toBe(true);
      expect(s.df.every(Number.isFinite)).toBe(true);
    }
  });
});

describe('yExtent', () => {
  it('covers both curves with 5% padding', () => {
    const [lo, hi] = yExtent(sampleActivation('linear'));
    // f runs −5..5, f′ is 1: range 10, padding 0.5
    expect(lo).toBeCloseTo(-5.5, 12);
    expect(hi).toBeCloseTo(5.5, 12);
  });
  it('is at least [-1, 1] (padded) for flat curves', () => {
    const [lo, hi] = yExtent(sampleActivation('step'));
    expect(lo).toBeCloseTo(-1.1, 12);
    expect(hi).toBeCloseTo(1.1, 12);
  });
});
