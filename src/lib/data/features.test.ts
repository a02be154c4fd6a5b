import { describe, expect, it } from 'vitest';
import { featureValue } from '../../../workers/engine';
import { choicesFromIds, columnFeatures, FEATURE_CHOICES, featureLabel } from './features';

describe('features', () => {
  it('lists the reference tool’s seven features over columns 0 and 1', () => {
    expect(FEATURE_CHOICES.map((c) => c.id)).toEqual(['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2']);
    expect(FEATURE_CHOICES[4].feature).toEqual({ op: 'product', a: 0, b: 1 });
  });

  it('computes each feature’s value from a row', () => {
    const x = [0, 0, 2, -3];
    const values = FEATURE_CHOICES.map((c) => featureValue(c.feature, x, 1 * 2));
    expect(values.slice(0, 5)).toEqual([2, -3, 4, 9, -6]);
    expect(values[5]).toBeCloseTo(Math.sin(2), 12);
    expect(values[6]).toBeCloseTo(Math.sin(-3), 12);
  });

  it('makes one identity feature per imported column', () => {
    expect(columnFeatures(['distance', 'rating'])).toEqual([
      { id: 'distance', label: 'distance', feature: { op: 'id', a: 0 } },
      { id: 'rating', label: 'rating', feature: { op: 'id', a: 1 } }
    ]);
  });

  it('keeps the reference order when picking by id and skips unknown ids', () => {
    expect(choicesFromIds(['x1x2', 'x1', 'nope']).map((c) => c.id)).toEqual(['x1', 'x1x2']);
  });

  it('labels features over named columns', () => {
    const columns = ['distance', 'rating'];
    expect(featureLabel({ op: 'square', a: 0 }, columns)).toBe('distance²');
    expect(featureLabel({ op: 'product', a: 0, b: 1 }, columns)).toBe('distance·rating');
    expect(featureLabel({ op: 'sin', a: 1 }, columns)).toBe('sin rating');
  });
});
