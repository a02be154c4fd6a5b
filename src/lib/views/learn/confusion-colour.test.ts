import { describe, expect, it } from 'vitest';
import { cellColour, cellShares, textColour } from './confusion-colour';

describe('cellColour', () => {
  it('runs from near-white at 0 to the playground blue at 1', () => {
    expect(cellColour(0)).toBe('rgb(248, 250, 252)');
    expect(cellColour(1)).toBe('rgb(8, 119, 189)');
    expect(cellColour(0.5)).toBe('rgb(128, 185, 221)'); // (248+8)/2, (250+119)/2 rounded, (252+189)/2 rounded
    expect(cellColour(2)).toBe(cellColour(1));
    expect(cellColour(Number.NaN)).toBe(cellColour(0));
  });
});

describe('textColour', () => {
  it('uses dark text on light cells and white on dark ones', () => {
    expect(textColour(0)).toBe('#0f172a');
    expect(textColour(1)).toBe('#ffffff');
  });
});

describe('cellShares', () => {
  it('scales counts by the largest count', () => {
    const shares = cellShares(Int32Array.from([90, 3, 5, 2]), 2, null);
    expect(Array.from(shares)).toEqual([1, 3 / 90, 5 / 90, 2 / 90]);
  });
  it('uses the row-normalised values when given', () => {
    const norm = Float64Array.from([0.9, 0.1, 0.5, 0.5]);
    expect(Array.from(cellShares(Int32Array.from([9, 1, 1, 1]), 2, norm))).toEqual([0.9, 0.1, 0.5, 0.5]);
  });
  it('is all zero for an empty matrix', () => {
    expect(Array.from(cellShares(new Int32Array(4), 2, null))).toEqual([0, 0, 0, 0]);
  });
});
