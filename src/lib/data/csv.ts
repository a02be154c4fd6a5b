/**
 * CSV import: check the file, parse the text (papaparse), then build a table from the chosen columns.
 * Every refusal is a sentence a person can act on; nothing here throws for bad input.
 */
import Papa from 'papaparse';
import type { ProblemType } from '../../../workers/protocol';
import type { TableSource } from '../model/playground';
import { formatLimit, formatMegabytes, MAX_CSV_BYTES, MAX_CSV_COLUMNS, MAX_CSV_ROWS, MAX_DATA_MAGNITUDE, MAX_NAME_CHARS } from '../limits';
import { splitRows, standardise } from './table';

// The size limits live with the others in limits.ts; re-exported for the code that reads them here.
export { MAX_CSV_BYTES, MAX_CSV_COLUMNS, MAX_CSV_ROWS };
export const MAX_CLASSES = 20;
export const PREVIEW_ROWS = 8;

export type CsvCheck = { ok: true } | { ok: false; error: string };

export interface ParsedCsv {
  ok: true;
  /** header names, trimmed and all different: blanks become "column N", repeats get " (2)", " (3)"… */
  columns: string[];
  /** what was changed to read the file (renamed columns), to show beside the preview */
  warnings: string[];
  /** data rows, each with exactly columns.length cells */
  rows: string[][];
  /** the first PREVIEW_ROWS rows */
  preview: string[][];
}
export type CsvParseResult = ParsedCsv | { ok: false; error: string };

export interface CsvBuildOptions {
  /** feature column names (at least one) */
  features: string[];
  target: string;
  /** detected from the target column when left out */
  problem?: ProblemType;
  /** rescale each feature to mean 0, std 1 (measured on the training rows) */
  standardise: boolean;
  /** share of rows held out for testing, 0..0.9 */
  testFraction: number;
  seed: number;
  /** name of the resulting table; default 'imported CSV' */
  name?: string;
}
export type CsvBuildResult =
  | { ok: true; source: TableSource; problem: ProblemType; warnings: string[] }
  | { ok: false; error: string };

const count = (n: number) => n.toLocaleString('en-US');
const MB = 1024 * 1024;
/** The first `max` characters of a name (whole characters, never half of an emoji). */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}
/** A cell as a message quotes it: short, on one line. */
const quote = (cell: string) => JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}…` : cell);

const CSV_EXTENSIONS = ['.csv', '.tsv', '.txt'];
const CSV_TYPES = ['text/csv', 'text/plain', 'text/tab-separated-values', 'application/csv', 'application/vnd.ms-excel', ''];

/** Refuse a file before reading it: too large, empty, or plainly not a CSV (an image, a spreadsheet...). */
export function checkCsvFile(file: { name: string; size: number; type: string }): CsvCheck {
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  const dot = name.lastIndexOf('.');
  const extension = dot >= 0 ? name.slice(dot) : '';
  const knownExtension = CSV_EXTENSIONS.includes(extension);
  const textType = CSV_TYPES.includes(type) || type.startsWith('text/');
  if (!knownExtension && !(extension === '' && textType && type !== '')) {
    const what = type ? `${extension || 'no extension'}, ${type}` : extension || 'no extension';
    return { ok: false, error: `"${file.name}" is not a CSV file (${what}). Choose a .csv file with a header row.` };
  }
  if (!textType) {
    return { ok: false, error: `"${file.name}" has type ${type}, not CSV text. Choose a .csv file with a header row.` };
  }
  if (file.size > MAX_CSV_BYTES) {
    return {
      ok: false,
      error: `"${file.name}" is ${(file.size / MB).toFixed(1)} MB; the limit is ${formatMegabytes(MAX_CSV_BYTES)}. Take a sample of the rows first.`
    };
  }
  if (file.size === 0) return { ok: false, error: `"${file.name}" is empty.` };
  return { ok: true };
}

/** Text that decodes to NUL bytes or many replacement characters came from a binary file. */
function looksBinary(text: string): boolean {
  const head = text.slice(0, 65536);
  if (head.includes('\u0000')) return true;
  let replaced = 0;
  for (const ch of head) if (ch === '\uFFFD') replaced++;
  return replaced > 8 && replaced > head.length / 100;
}

/**
 * Column names that are all different (the preview, the pickers and the table key columns by name):
 * blanks become "column N"; a repeated name gets the first free " (2)", " (3)"…, so "a, a, a (2)" reads
 * as "a, a (2), a (2) (2)" rather than two columns called "a (2)". Each name given here is reported.
 */
export function uniqueNames(header: string[]): { columns: string[]; warnings: string[] } {
  // Room is left for a " (99)" suffix, so a renamed column still fits the name limit.
  const wanted = header.map((raw, i) => cut(raw.trim(), MAX_NAME_CHARS - 6) || `column ${i + 1}`);
  const taken = new Set<string>();
  const columns: string[] = [];
  const renamed: string[] = [];
  wanted.forEach((base, i) => {
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base} (${n})`;
    if (name !== base) renamed.push(`column ${i + 1} ${quote(base)} is read as ${quote(name)}`);
    taken.add(name);
    columns.push(name);
  });
  const listed = (items: string[]) => `${items.slice(0, 5).join('; ')}${items.length > 5 ? `; and ${items.length - 5} more` : ''}`;
  const long = header.flatMap((raw, i) => (raw.trim().length > MAX_NAME_CHARS - 6 ? [`column ${i + 1}`] : []));
  const unnamed = header.flatMap((raw, i) => (raw.trim() === '' ? [`column ${i + 1} is called ${quote(columns[i])}`] : []));
  const warnings: string[] = [];
  if (unnamed.length > 0) warnings.push(`Some columns have no name in the header: ${listed(unnamed)}.`);
  if (long.length > 0) warnings.push(`Some column names are longer than ${MAX_NAME_CHARS - 6} characters and were cut: ${listed(long)}.`);
  if (renamed.length > 0) warnings.push(`Some columns have the same name, so they were renamed: ${listed(renamed)}.`);
  return { columns, warnings };
}

/** Parse CSV text (comma, semicolon or tab; quoted fields; a header row). */
export function parseCsvText(
  text: string,
  { maxRows = MAX_CSV_ROWS, maxColumns = MAX_CSV_COLUMNS }: { maxRows?: number; maxColumns?: number } = {}
): CsvParseResult {
  if (text.length > MAX_CSV_BYTES) {
    return { ok: false, error: `The text is longer than ${formatMegabytes(MAX_CSV_BYTES)}, the limit for a CSV file. Take a sample of the rows first.` };
  }
  if (looksBinary(text)) return { ok: false, error: 'This file is not text (it looks binary). Choose a CSV file.' };
  // One line ending for all: files edited on two systems mix them, and papaparse guesses from the first.
  const clean = text.replace(/^\uFEFF+/, '').replace(/\r\n?/g, '\n');
  if (clean.trim() === '') return { ok: false, error: 'The file is empty.' };

  // One row more than allowed tells "too many" apart from "exactly the limit" without parsing everything.
  const result = Papa.parse<string[]>(clean, { skipEmptyLines: true, preview: maxRows + 2 });
  const quoteError = result.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    const row = quoteError.row === undefined ? '' : ` in row ${quoteError.row}`;
    return { ok: false, error: `A quoted field is not closed${row}: ${quoteError.message}.` };
  }
  const [header, ...rows] = result.data;
  if (!header) return { ok: false, error: 'The file is empty.' };
  if (header.length > maxColumns) {
    return { ok: false, error: `The file has ${count(header.length)} columns; the limit is ${count(maxColumns)} columns.` };
  }
  if (rows.length === 0) return { ok: false, error: 'The file has a header row but no data rows.' };
  if (rows.length > maxRows) {
    return { ok: false, error: `The file has more than ${count(maxRows)} data rows; the limit is ${count(maxRows)} rows.` };
  }
  for (let r = 0; r < rows.length; r++) {
    if (rows[r].length !== header.length) {
      return {
        ok: false,
        error: `Row ${count(r + 1)} (after the header) has ${rows[r].length} field${rows[r].length === 1 ? '' : 's'}, but the header has ${header.length}.`
      };
    }
  }
  const { columns, warnings } = uniqueNames(header);
  return { ok: true, columns, warnings, rows, preview: rows.slice(0, PREVIEW_ROWS) };
}

function parseNumber(cell: string): number | null {
  const trimmed = cell.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/**
 * Classification when the values are not all numbers, or when they are at most 20 distinct integers;
 * regression otherwise. Blank cells are ignored.
 */
export function detectProblem(values: string[]): ProblemType {
  const present = values.map((v) => v.trim()).filter((v) => v !== '');
  const numbers = present.map(parseNumber);
  if (numbers.some((n) => n === null)) return 'classification';
  const distinct = new Set(numbers);
  return distinct.size <= MAX_CLASSES && numbers.every((n) => Number.isInteger(n)) ? 'classification' : 'regression';
}

/** Distinct class names: numerically ordered when all are numbers, else alphabetically. */
function classNames(values: string[]): string[] {
  const distinct = [...new Set(values)];
  if (distinct.every((v) => parseNumber(v) !== null)) return distinct.sort((a, b) => Number(a) - Number(b));
  return distinct.sort((a, b) => a.localeCompare(b));
}

function tooLarge(row: number, column: string, cell: string): string {
  return `Row ${count(row + 1)}, column "${column}" is ${cell.trim()}, beyond the limit of ±${formatLimit(MAX_DATA_MAGNITUDE)} for data values. Rescale the column (e.g. to thousands or millions) first.`;
}

/** Build a table from the chosen columns of a parsed CSV, or say exactly why not. */
export function buildTableFromCsv(parsed: ParsedCsv, options: CsvBuildOptions): CsvBuildResult {
  const { columns, rows } = parsed;
  if (options.features.length === 0) return { ok: false, error: 'Choose at least one feature column.' };
  const missing = [...options.features, options.target].find((name) => !columns.includes(name));
  if (missing !== undefined) return { ok: false, error: `There is no column "${missing}" in this file.` };
  if (options.features.includes(options.target)) {
    return { ok: false, error: `"${options.target}" cannot be both a feature and the target.` };
  }

  const featureIndex = options.features.map((name) => columns.indexOf(name));
  const targetIndex = columns.indexOf(options.target);
  const width = featureIndex.length;
  const x = new Array<number>(rows.length * width);
  for (let r = 0; r < rows.length; r++) {
    for (let f = 0; f < width; f++) {
      const cell = rows[r][featureIndex[f]];
      const value = parseNumber(cell);
      if (value === null) {
        const what = cell.trim() === '' ? 'is empty' : `is ${quote(cell)}, not a number`;
        return { ok: false, error: `Row ${count(r + 1)}, column "${options.features[f]}" ${what}. Feature columns must be numeric.` };
      }
      if (Math.abs(value) > MAX_DATA_MAGNITUDE) return { ok: false, error: tooLarge(r, options.features[f], cell) };
      x[r * width + f] = value;
    }
  }

  const targetCells = rows.map((row) => row[targetIndex].trim());
  const blank = targetCells.findIndex((v) => v === '');
  if (blank >= 0) return { ok: false, error: `Row ${count(blank + 1)} has no value in the target column "${options.target}".` };

  const problem = options.problem ?? detectProblem(targetCells);
  const warnings: string[] = [];
  let y: number[];
  let classes: string[] | null = null;
  if (problem === 'classification') {
    classes = classNames(targetCells);
    const long = classes.find((name) => name.length > MAX_NAME_CHARS);
    if (long !== undefined) {
      return {
        ok: false,
        error: `The target "${options.target}" has a class of ${count(long.length)} characters (${quote(long)}); class names are at most ${MAX_NAME_CHARS} characters. Choose another target.`
      };
    }
    if (classes.length < 2) {
      return {
        ok: false,
        error: `The target "${options.target}" has only one class ("${classes[0]}"): a classifier needs at least two. Choose another target.`
      };
    }
    if (classes.length > MAX_CLASSES) {
      const numeric = targetCells.every((v) => parseNumber(v) !== null);
      return {
        ok: false,
        error:
          `The target "${options.target}" has ${count(classes.length)} distinct values; classification allows at most ${MAX_CLASSES} classes.` +
          (numeric ? ' Choose regression for a numeric target.' : ' Choose another target.')
      };
    }
    const index = new Map(classes.map((name, i) => [name, i]));
    y = targetCells.map((v) => index.get(v)!);
  } else {
    y = [];
    for (let r = 0; r < targetCells.length; r++) {
      const value = parseNumber(targetCells[r]);
      if (value === null) {
        return {
          ok: false,
          error: `Row ${count(r + 1)}, target "${options.target}" is ${quote(targetCells[r])}, not a number: regression needs a numeric target. Choose classification instead.`
        };
      }
      if (Math.abs(value) > MAX_DATA_MAGNITUDE) return { ok: false, error: tooLarge(r, options.target, targetCells[r]) };
      y.push(value);
    }
  }

  const isTest = splitRows(rows.length, options.testFraction, options.seed, classes ? y : undefined);
  let source: TableSource = {
    kind: 'table',
    name: cut(options.name ?? 'imported CSV', MAX_NAME_CHARS),
    columns: [...options.features],
    x,
    y,
    classes,
    targetColumns: classes ? [] : [options.target],
    isTest
  };
  if (options.standardise) {
    const scaled = standardise(source);
    source = scaled.source;
    for (const name of scaled.constant) warnings.push(`Column "${name}" is constant on the training rows, so it was not rescaled.`);
  }
  const tests = isTest.reduce((s, v) => s + v, 0);
  if (tests === 0) warnings.push('No rows are held out for testing, so test loss and accuracy stay empty.');
  if (tests === rows.length) warnings.push('Every row is a test row: there is nothing to train on. Lower the test share.');
  return { ok: true, source, problem, warnings };
}
