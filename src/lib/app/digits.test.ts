import { describe, expect, it } from 'vitest';
import type { DataTable } from '../../../workers/protocol';
import { argmaxRows, gatherRows, testRows } from './digits';

const table: DataTable = {
  count: 4,
  columns: ['a', 'b'],
  x: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]),
  y: Float32Array.from([0, 1, 2, 1]),
  classes: ['0', '1', '2'],
  targetColumns: ['digit'],
  isTest: Uint8Array.from([0, 1, 0, 1])
} as DataTable;

describe('digit queries', () => {
  it('picks the test rows, at most the limit', () => {
    expect(testRows(table, 10)).toEqual([1, 3]);
    expect(testRows(table, 1)).toEqual([1]);
  });
  it('packs the rows the worker evaluates', () => {
    expect([...gatherRows(table, [1, 3])]).toEqual([3, 4, 7, 8]);
  });
  it('takes the largest output of each row as its class', () => {
    expect([...argmaxRows(Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.2, 0.3]), 2)]).toEqual([1, 0]);
    expect([...argmaxRows(new Float32Array(0), 0)]).toEqual([]);
  });
});
