import { describe, expect, it } from 'vitest';
import { curveFromColumns, curveToColumns } from './curve-columns';

const classification = [
  { epoch: 1, trainLoss: 0.7, testLoss: NaN, trainAccuracy: 0.5, testAccuracy: NaN },
  { epoch: 2, trainLoss: 0.6, testLoss: 0.65, trainAccuracy: 0.6, testAccuracy: 0.55 }
];

describe('the curve as columns', () => {
  it('round-trips every figure, NaN included, one Float64Array per figure', () => {
    const columns = curveToColumns(classification);
    expect(columns.trainLoss).toBeInstanceOf(Float64Array);
    expect(Array.from(columns.epoch!)).toEqual([1, 2]);
    expect(curveFromColumns(columns)).toEqual({ ok: true, curve: classification });
  });

  it('keeps the R² figures only where some epoch has them', () => {
    expect(curveToColumns(classification).trainR2).toBeUndefined();
    const regression = [
      { ...classification[0], trainR2: 0.1, testR2: NaN },
      { ...classification[1], trainR2: 0.4, testR2: 0.3 }
    ];
    const back = curveFromColumns(curveToColumns(regression));
    expect(back).toEqual({ ok: true, curve: regression });
  });

  it('reads an empty curve', () => {
    expect(curveFromColumns(curveToColumns([]))).toEqual({ ok: true, curve: [] });
  });

  it.each([
    ['not an object', 7, /not a set of columns/],
    ['a column of plain numbers', { ...curveToColumns(classification), trainLoss: [0.7, 0.6] }, /trainLoss column is not a list of numbers/],
    ['a missing column', { ...curveToColumns(classification), testAccuracy: undefined }, /no testAccuracy column/],
    ['columns of different lengths', { ...curveToColumns(classification), testLoss: new Float64Array(1) }, /testLoss column has 1 values, not 2/]
  ])('says why it cannot read %s', (_name, value, message) => {
    const read = curveFromColumns(value);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatch(message);
  });
});
