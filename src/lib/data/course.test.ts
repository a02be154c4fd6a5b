import { describe, expect, it } from 'vitest';
import {
  hotelsDistanceSource,
  hotelsRatingSource,
  hotHotelsSource,
  kerasQuickSource,
  medalHotelsSource,
  medalOf,
  singleNeuronSource
} from './course';

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

describe('course tables', () => {
  it('hotel prices by distance: 12 rows, 8 train and 4 test, raw values when not standardised', () => {
    const raw = hotelsDistanceSource(false);
    expect(raw.x).toHaveLength(12);
    expect(sum(raw.isTest)).toBe(4);
    expect(raw.x[0]).toBe(0.5);
    expect(raw.y[7]).toBe(81);
    expect(raw.targetColumns).toEqual(['price (USD)']);
  });

  it('standardises the distance over the 8 training hotels (mean 3.675), leaving prices alone', () => {
    const scaled = hotelsDistanceSource();
    const train = scaled.x.filter((_, i) => scaled.isTest[i] === 0);
    expect(sum(train) / 8).toBeCloseTo(0, 10);
    expect(Math.sqrt(sum(train.map((v) => v * v)) / 8)).toBeCloseTo(1, 10);
    expect(scaled.x[0]).toBeCloseTo((0.5 - 3.675) / 2.8247787523981414, 10);
    expect(scaled.y).toEqual(hotelsDistanceSource(false).y);
  });

  it('hotel prices by distance and rating: 32 rows, 24 train and 8 test', () => {
    const t = hotelsRatingSource(false);
    expect(t.columns).toEqual(['distance (mi)', 'rating']);
    expect(t.x).toHaveLength(64);
    expect(sum(t.isTest)).toBe(8);
    expect(t.x.slice(62)).toEqual([19.4, 4.8]);
    expect(t.y[31]).toBe(209);
  });

  it('hot rule: price ≥ 140 makes 10 of 24 training hotels and 5 of 8 test hotels hot', () => {
    const t = hotHotelsSource();
    expect(t.classes).toEqual(['not hot', 'hot']);
    expect(sum(t.y.filter((_, i) => t.isTest[i] === 0))).toBe(10);
    expect(sum(t.y.filter((_, i) => t.isTest[i] === 1))).toBe(5);
  });

  it('medal rule: 10 bronze, 12 silver, 10 gold over the 32 hotels', () => {
    const t = medalHotelsSource();
    expect(t.classes).toEqual(['bronze', 'silver', 'gold']);
    expect([0, 1, 2].map((c) => t.y.filter((v) => v === c).length)).toEqual([10, 12, 10]);
    expect([medalOf(114), medalOf(115), medalOf(149), medalOf(150)]).toEqual([0, 1, 1, 2]);
  });

  it('single neuron: 8 points, all for training, classes 0 and 1', () => {
    const t = singleNeuronSource();
    expect(t.y).toEqual([0, 1, 0, 1, 0, 1, 1, 0]);
    expect(sum(t.isTest)).toBe(0);
  });

  it('Keras quick example: 300 seeded points in the unit square, 100 train, labelled by x1 + x2 > 1', () => {
    const t = kerasQuickSource();
    expect(t.isTest).toHaveLength(300);
    expect(sum(t.isTest)).toBe(200);
    expect(t.isTest.slice(0, 100).every((v) => v === 0)).toBe(true);
    for (let i = 0; i < 300; i++) {
      expect(t.x[2 * i]).toBeGreaterThanOrEqual(0);
      expect(t.x[2 * i]).toBeLessThan(1);
      expect(t.y[i]).toBe(t.x[2 * i] + t.x[2 * i + 1] > 1 ? 1 : 0);
    }
    const ones = sum(t.y);
    expect(ones).toBeGreaterThan(120);
    expect(ones).toBeLessThan(180);
    expect(kerasQuickSource()).toEqual(t);
  });
});
