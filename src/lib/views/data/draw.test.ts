import { describe, expect, it } from 'vitest';
import type { DataTable } from '../../../../workers/protocol';
import { classColour, digitCells, valueColour } from './draw';

describe('data colours', () => {
  it('uses the reference tool’s orange and blue for classes A and B', () => {
    expect(classColour(0)).toBe('#f59322');
    expect(classColour(1)).toBe('#0877bd');
    expect(classColour(5)).toBe('#f59322');
  });

  it('maps regression values orange → grey → blue, clamped and NaN-safe', () => {
    expect(valueColour(-1)).toBe('rgb(245, 147, 34)');
    expect(valueColour(0)).toBe('rgb(232, 234, 235)');
    expect(valueColour(1)).toBe('rgb(8, 119, 189)');
    expect(valueColour(7)).toBe(valueColour(1));
    expect(valueColour(Number.NaN)).toBe(valueColour(0));
  });
});

describe('digitCells', () => {
  const table: DataTable = {
    count: 3,
    columns: ['p0'],
    x: new Float32Array(3),
    y: Float32Array.from([7, 2, 1]),
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    targetColumns: [],
    isTest: Uint8Array.from([1, 1, 1])
  };

  it('marks wrong predictions, in the order of the indices', () => {
    const cells = digitCells(table, [2, 0], Int32Array.from([1, 3]));
    expect(cells).toEqual([
      { row: 2, truth: 1, predicted: 1, wrong: false },
      { row: 0, truth: 7, predicted: 3, wrong: true }
    ]);
  });

  it('has no prediction and nothing wrong before the network has run', () => {
    expect(digitCells(table, [1], null)).toEqual([{ row: 1, truth: 2, predicted: null, wrong: false }]);
  });
});
