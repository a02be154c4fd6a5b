import { readFileSync } from 'node:fs';
import { defaultState } from '../model/defaults';
import { parseState } from '../model/schema';
import { describe, expect, it } from 'vitest';
import { buildTableFromCsv, checkCsvFile, detectProblem, parseCsvText, type CsvBuildOptions, type ParsedCsv } from './csv';

function parsed(text: string, limits?: { maxRows?: number; maxColumns?: number }): ParsedCsv {
  const result = parseCsvText(text, limits);
  if (!result.ok) throw new Error(result.error);
  return result;
}
function parseError(text: string, limits?: { maxRows?: number; maxColumns?: number }): string {
  const result = parseCsvText(text, limits);
  if (result.ok) throw new Error('parsed');
  return result.error;
}
const options = (patch: Partial<CsvBuildOptions> = {}): CsvBuildOptions => ({
  features: ['x1', 'x2'],
  target: 'label',
  standardise: false,
  testFraction: 0,
  seed: 1,
  ...patch
});
function buildError(text: string, patch: Partial<CsvBuildOptions> = {}): string {
  const result = buildTableFromCsv(parsed(text), options(patch));
  if (result.ok) throw new Error('built');
  return result.error;
}

describe('checkCsvFile', () => {
  it('accepts CSV, TSV and text files, including Windows’ Excel type and an empty type', () => {
    expect(checkCsvFile({ name: 'data.csv', size: 100, type: 'text/csv' }).ok).toBe(true);
    expect(checkCsvFile({ name: 'Data.CSV', size: 100, type: 'application/vnd.ms-excel' }).ok).toBe(true);
    expect(checkCsvFile({ name: 'data.tsv', size: 100, type: '' }).ok).toBe(true);
    expect(checkCsvFile({ name: 'export', size: 100, type: 'text/csv' }).ok).toBe(true);
  });

  it('refuses a file over 50 MB before reading it, naming the limit', () => {
    const check = checkCsvFile({ name: 'big.csv', size: 50 * 1024 * 1024 + 1, type: 'text/csv' });
    expect(check).toEqual({ ok: false, error: '"big.csv" is 50.0 MB; the limit is 50 MB. Take a sample of the rows first.' });
  });

  it('refuses non-CSV files such as a .png or a spreadsheet', () => {
    const png = checkCsvFile({ name: 'photo.png', size: 1000, type: 'image/png' });
    expect(png).toEqual({ ok: false, error: '"photo.png" is not a CSV file (.png, image/png). Choose a .csv file with a header row.' });
    expect(checkCsvFile({ name: 'book.xlsx', size: 10, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }).ok).toBe(
      false
    );
    expect(checkCsvFile({ name: 'fake.csv', size: 10, type: 'image/png' })).toEqual({
      ok: false,
      error: '"fake.csv" has type image/png, not CSV text. Choose a .csv file with a header row.'
    });
  });

  it('refuses an empty file', () => {
    expect(checkCsvFile({ name: 'a.csv', size: 0, type: 'text/csv' })).toEqual({ ok: false, error: '"a.csv" is empty.' });
  });
});

describe('parseCsvText', () => {
  it('parses a header and rows, trims names, previews the first rows', () => {
    const p = parsed(' x1 ,x2,label\n1,2,a\n3,4,b\n\n');
    expect(p.columns).toEqual(['x1', 'x2', 'label']);
    expect(p.rows).toEqual([
      ['1', '2', 'a'],
      ['3', '4', 'b']
    ]);
    expect(p.preview).toHaveLength(2);
  });

  it('handles quotes, semicolons, tabs, CRLF and a byte-order mark', () => {
    expect(parsed('\uFEFFname,v\n"Smith, J",1\r\n"O""Neil",2\r\n').rows).toEqual([
      ['Smith, J', '1'],
      ['O"Neil', '2']
    ]);
    expect(parsed('a;b\n1;2\n3;4\n').columns).toEqual(['a', 'b']);
    expect(parsed('a\tb\n1\t2\n').rows).toEqual([['1', '2']]);
  });

  it('names blank headers and makes repeated ones unique', () => {
    expect(parsed('a,,a\n1,2,3\n').columns).toEqual(['a', 'column 2', 'a (2)']);
  });

  it('keeps every column name unique even when a renamed one is already taken, and says so', () => {
    const result = parsed('name,name,name (2),name,column 2,\n1,2,3,4,5,6\n');
    expect(result.columns).toEqual(['name', 'name (2)', 'name (2) (2)', 'name (3)', 'column 2', 'column 6']);
    expect(new Set(result.columns).size).toBe(result.columns.length);
    expect(result.warnings).toEqual([
      'Some columns have no name in the header: column 6 is called "column 6".',
      'Some columns have the same name, so they were renamed: column 2 "name" is read as "name (2)"; column 3 "name (2)" is read as "name (2) (2)"; column 4 "name" is read as "name (3)".'
    ]);
    expect(parsed('a,b\n1,2\n').warnings).toEqual([]);
  });

  it('imports a file whose columns were renamed, by their new names', () => {
    const result = buildTableFromCsv(parsed('x,x,label\n1,2,a\n3,4,b\n'), options({ features: ['x', 'x (2)'] }));
    expect(result.ok && result.source.x).toEqual([1, 2, 3, 4]);
  });

  it('refuses an empty file', () => {
    expect(parseError('')).toBe('The file is empty.');
    expect(parseError(' \n\n ')).toBe('The file is empty.');
  });

  it('refuses a header with no rows', () => {
    expect(parseError('x1,x2,label\n')).toBe('The file has a header row but no data rows.');
  });

  it('refuses ragged rows, naming the row and the field counts', () => {
    expect(parseError('x1,x2,label\n1,2,0\n3,4\n')).toBe('Row 2 (after the header) has 2 fields, but the header has 3.');
    expect(parseError('a,b\n1,2,3\n')).toBe('Row 1 (after the header) has 3 fields, but the header has 2.');
  });

  it('refuses more rows than the limit, naming it', () => {
    const rows = Array.from({ length: 11 }, (_, i) => `${i},${i}`).join('\n');
    expect(parseError(`a,b\n${rows}`, { maxRows: 10 })).toBe('The file has more than 10 data rows; the limit is 10 rows.');
    expect(parsed(`a,b\n${Array.from({ length: 10 }, () => '1,2').join('\n')}`, { maxRows: 10 }).rows).toHaveLength(10);
  });

  it('refuses more than 100 columns by default', () => {
    const header = Array.from({ length: 101 }, (_, i) => `c${i}`).join(',');
    const row = Array.from({ length: 101 }, () => '1').join(',');
    expect(parseError(`${header}\n${row}\n`)).toBe('The file has 101 columns; the limit is 100 columns.');
  });

  it('refuses the default 100,000-row limit plus one', () => {
    const text = 'a\n' + '1\n'.repeat(100_001);
    expect(parseError(text)).toBe('The file has more than 100,000 data rows; the limit is 100,000 rows.');
  });

  it('refuses binary content', () => {
    const png = '\uFFFDPNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR' + '\uFFFD'.repeat(40);
    expect(parseError(png)).toBe('This file is not text (it looks binary). Choose a CSV file.');
  });

  it('refuses an unclosed quote', () => {
    expect(parseError('a,b\n"1,2\n3,4\n')).toMatch(/quoted field is not closed/);
  });
});

describe('detectProblem', () => {
  it('classification for few integers or any text; regression for decimals or many values', () => {
    expect(detectProblem(['0', '1', '1', '0'])).toBe('classification');
    expect(detectProblem(['cat', 'dog', '3'])).toBe('classification');
    expect(detectProblem(['1.5', '2', '3'])).toBe('regression');
    expect(detectProblem(Array.from({ length: 21 }, (_, i) => String(i)))).toBe('regression');
    expect(detectProblem(Array.from({ length: 20 }, (_, i) => String(i)))).toBe('classification');
    expect(detectProblem(['1', '', '2'])).toBe('classification');
  });
});

describe('buildTableFromCsv', () => {
  const text = 'x1,x2,label\n1,10,b\n2,20,a\n3,30,b\n4,40,a\n';

  it('builds a classification table with sorted class names', () => {
    const result = buildTableFromCsv(parsed(text), options({ name: 'mine' }));
    if (!result.ok) throw new Error(result.error);
    expect(result.problem).toBe('classification');
    expect(result.source).toEqual({
      kind: 'table',
      name: 'mine',
      columns: ['x1', 'x2'],
      x: [1, 10, 2, 20, 3, 30, 4, 40],
      y: [1, 0, 1, 0],
      classes: ['a', 'b'],
      targetColumns: [],
      isTest: [0, 0, 0, 0]
    });
    expect(result.warnings).toEqual(['No rows are held out for testing, so test loss and accuracy stay empty.']);
  });

  it('builds a regression table, standardises features on training rows, splits by seed', () => {
    const rows = Array.from({ length: 100 }, (_, i) => `${i},${i * 0.5 + 0.25}`).join('\n');
    const result = buildTableFromCsv(parsed(`d,price\n${rows}`), options({ features: ['d'], target: 'price', standardise: true, testFraction: 0.2 }));
    if (!result.ok) throw new Error(result.error);
    expect(result.problem).toBe('regression');
    expect(result.source.targetColumns).toEqual(['price']);
    expect(result.source.classes).toBeNull();
    expect(result.source.y[3]).toBe(1.75);
    expect(result.source.isTest.reduce((s, v) => s + v, 0)).toBe(20);
    const train = result.source.x.filter((_, i) => result.source.isTest[i] === 0);
    const mean = train.reduce((s, v) => s + v, 0) / train.length;
    const sd = Math.sqrt(train.reduce((s, v) => s + (v - mean) ** 2, 0) / train.length);
    expect(mean).toBeCloseTo(0, 10);
    expect(sd).toBeCloseTo(1, 10);
  });

  it('obeys an override of the problem type', () => {
    const result = buildTableFromCsv(parsed('x,y\n1,0\n2,1\n3,1\n'), options({ features: ['x'], target: 'y', problem: 'regression' }));
    expect(result.ok && result.problem).toBe('regression');
  });

  it('names row, column and cell of a non-numeric feature', () => {
    expect(buildError('x1,x2,label\n1,2,a\n3,abc,b\n')).toBe('Row 2, column "x2" is "abc", not a number. Feature columns must be numeric.');
    expect(buildError('x1,x2,label\n1,,a\n3,4,b\n')).toBe('Row 1, column "x2" is empty. Feature columns must be numeric.');
  });

  it('refuses a target with one class', () => {
    expect(buildError('x1,x2,label\n1,2,yes\n3,4,yes\n')).toBe(
      'The target "label" has only one class ("yes"): a classifier needs at least two. Choose another target.'
    );
  });

  it('refuses more than 20 classes, saying how many and suggesting regression', () => {
    const rows = Array.from({ length: 25 }, (_, i) => `${i},${i},${i}`).join('\n');
    expect(buildError(`x1,x2,label\n${rows}`, { problem: 'classification' })).toBe(
      'The target "label" has 25 distinct values; classification allows at most 20 classes. Choose regression for a numeric target.'
    );
  });

  it('refuses a text target for regression, a missing target value, and bad column choices', () => {
    expect(buildError(text, { problem: 'regression' })).toMatch(/Row 1, target "label" is "b", not a number/);
    expect(buildError('x1,x2,label\n1,2,a\n3,4, \n')).toBe('Row 2 has no value in the target column "label".');
    expect(buildError(text, { features: [] })).toBe('Choose at least one feature column.');
    expect(buildError(text, { features: ['x1', 'label'] })).toBe('"label" cannot be both a feature and the target.');
    expect(buildError(text, { target: 'nope' })).toBe('There is no column "nope" in this file.');
  });

  it('warns about a constant column when standardising', () => {
    const result = buildTableFromCsv(parsed('x1,x2,label\n1,5,a\n2,5,b\n'), options({ standardise: true }));
    expect(result.ok && result.warnings[0]).toBe('Column "x2" is constant on the training rows, so it was not rescaled.');
  });
});

describe('fixture files for the end-to-end tests', () => {
  it('two-moons.csv imports as 200 balanced rows with two classes', () => {
    const text = readFileSync(new URL('../../../tests/fixtures/two-moons.csv', import.meta.url), 'utf8');
    const result = buildTableFromCsv(parsed(text), options({ testFraction: 0.3 }));
    if (!result.ok) throw new Error(result.error);
    expect(result.source.isTest).toHaveLength(200);
    expect(result.source.classes).toEqual(['0', '1']);
    expect(result.source.y.filter((v) => v === 1)).toHaveLength(100);
    expect(result.source.isTest.reduce((s, v) => s + v, 0)).toBe(60);
  });

  it('bad-ragged.csv is refused naming its third data row', () => {
    const text = readFileSync(new URL('../../../tests/fixtures/bad-ragged.csv', import.meta.url), 'utf8');
    expect(parseError(text)).toBe('Row 3 (after the header) has 2 fields, but the header has 3.');
  });
});

describe('data values beyond the limit', () => {
  it('refuses a huge feature value, naming the row, the column and the limit', () => {
    expect(buildError('x1,x2,label\n1,2,a\n1e308,4,b\n')).toBe(
      'Row 2, column "x1" is 1e308, beyond the limit of ±1e+15 for data values. Rescale the column (e.g. to thousands or millions) first.'
    );
  });

  it('refuses a huge regression target', () => {
    expect(buildError('x1,x2,label\n1,2,0.5\n3,4,-2e20\n', { problem: 'regression' })).toContain('column "label" is -2e20, beyond the limit');
  });

  it('standardises large values that are within the limit without turning them into NaN', () => {
    const result = buildTableFromCsv(parsed('x1,x2,label\n1e15,1,a\n-1e15,2,b\n5e14,3,a\n'), options({ standardise: true }));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.source.x.every(Number.isFinite)).toBe(true);
  });
});

describe('names within the name limit', () => {
  it('cuts a 1,000-character header (and a long file name) so the imported table can be saved and read back', () => {
    const header = '😀'.repeat(500);
    const csv = parsed(`${header},${header},label\n1,2,x\n3,4,y\n`);
    expect(csv.columns.every((name) => name.length <= 200)).toBe(true);
    expect(new Set(csv.columns).size).toBe(3);
    expect(csv.warnings[0]).toBe('Some column names are longer than 194 characters and were cut: column 1; column 2.');
    const result = buildTableFromCsv(csv, options({ features: csv.columns.slice(0, 2), name: 'f'.repeat(300) }));
    expect(result.ok).toBe(true);
    if (result.ok) {
      const state = { ...defaultState(), data: result.source };
      state.doc.nodes[1].features = [{ op: 'id', a: 1 }];
      expect(parseState(JSON.parse(JSON.stringify(state))).ok).toBe(true);
    }
  });

  it('refuses a class name longer than the limit', () => {
    expect(buildError(`x1,x2,label\n1,2,${'c'.repeat(201)}\n3,4,y\n`)).toMatch(/^The target "label" has a class of 201 characters \("c{40}…"\); class names are at most 200 characters/);
  });
});
