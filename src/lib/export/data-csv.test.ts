import { describe, expect, it } from 'vitest';
import type { DataTable } from '../../../workers/protocol';
import { runPython } from '../testing/python';
import { dataCsv, targetCount } from './data-csv';

const base: Omit<DataTable, 'x' | 'y' | 'count'> = {
  columns: ['=cmd|"/c calc"!A1', 'a,"b"\nc'],
  classes: ['no', 'yes'],
  targetColumns: [],
  isTest: new Uint8Array([0, 1])
};

/** Python's csv module reads the file the way the PyTorch script does: by position. */
const READ = 'import csv, json, sys\nrows = list(csv.reader(sys.stdin))\njson.dump(rows, sys.stdout)';

describe('dataCsv', () => {
  it('writes columns, the class index and the split; hostile headers stay one quoted cell each', () => {
    const table: DataTable = { ...base, count: 2, x: Float32Array.from([0.5, -1.25, 3, 4]), y: Float32Array.from([1, 0]) };
    const rows = JSON.parse(runPython(READ, dataCsv(table))) as string[][];
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveLength(4);
    expect(rows[0][0]).toBe(`'=cmd|"/c calc"!A1`);
    expect(rows[0][1]).toBe('a,"b"\nc');
    expect(rows.slice(1)).toEqual([
      ['0.5', '-1.25', '1', 'train'],
      ['3', '4', '0', 'test']
    ]);
    expect(targetCount(table)).toBe(1);
  });

  it('writes pixel tables as byte × scale and regression tables with every target column', () => {
    const pixels: DataTable = {
      ...base,
      count: 2,
      x: new Float32Array(0),
      pixels: Uint8Array.from([0, 255, 51, 128]),
      pixelScale: 1 / 255,
      y: Float32Array.from([0, 1])
    };
    expect(dataCsv(pixels).split('\n').slice(-2)).toEqual(['0,1,0,train', '0.2,0.501961,1,test']);
    const regression: DataTable = { ...base, classes: null, targetColumns: ['t1', 't2'], count: 2, x: Float32Array.from([1, 2, 3, 4]), y: Float32Array.from([5, 6, 7, 8]) };
    expect(targetCount(regression)).toBe(2);
    expect(dataCsv(regression).split('\n').slice(-2)).toEqual(['1,2,5,6,train', '3,4,7,8,test']);
  });
});
