/**
 * Fuzz: CSV files, through the import as the page runs it (parse, then build a table with every column
 * but the last as features and the last as the target, standardised). Duplicate headers, ragged rows,
 * huge and non-finite values, byte-order marks, empty files, script in cells, random bytes.
 * Each must end in a refusal or a warning that names the problem.
 */
import { MAX_CSV_BYTES, MAX_CSV_COLUMNS, MAX_CSV_ROWS } from '../limits';
import { fuzz, fuzzRng, randomText, type FuzzCase } from '../testing/fuzz';
import { buildTableFromCsv, parseCsvText } from './csv';

/** What the message must say, for the hand-written cases (each key must name a case). */
const SAYS: Record<string, RegExp> = {
  'a,a': /renamed: column 2 "a" is read as "a \(2\)"/,
  'a,a,a (2)': /column 3 "a \(2\)" is read as "a \(2\) \(2\)"/,
  'name, name (2), name': /column 3 "name" is read as "name \(3\)"/,
  'padded duplicates': /column 3 "a" is read as "a \(3\)"/,
  'blank headers': /no name in the header: column 1 is called "column 1"; column 2 is called "column 2"/,
  '"column 1" and a blank first': /column 2 "column 1" is read as "column 1 \(2\)"/,
  'the target duplicated': /column 3 "label" is read as "label \(2\)"/,
  'a 1,000-character header': /longer than 194 characters and were cut: column 1/,
  'a 1,000-character class name': /class of 1,000 characters/,
  'a short row': /Row 2 \(after the header\) has 2 fields, but the header has 3/,
  'a long row': /Row 2 \(after the header\) has 4 fields/,
  'feature value 1e308': /column "a" is 1e308, beyond the limit of ±1e\+15/,
  'feature value 1e16': /beyond the limit of ±1e\+15/,
  'feature value -1e309': /is "-1e309", not a number/,
  'feature value NaN': /is "NaN", not a number/,
  'regression target 1e300': /column "target" is 1e300, beyond the limit/,
  empty: /The file is empty/,
  'a header only': /a header row but no data rows/,
  'a byte-order mark only': /The file is empty/,
  'a byte-order mark and a ragged row': /Row 2 \(after the header\) has 2 fields/,
  'an unclosed quote': /A quoted field is not closed/,
  'script in a header and a cell': /is "<script>alert\(1\)<\/script>", not a number/,
  'a NUL byte': /not text \(it looks binary\)/,
  'one class only': /only one class \("x"\)/,
  '25 classes': /25 distinct values; classification allows at most 20 classes/,
  'blank targets': /Row 1 has no value in the target column "label"/,
  [`more than ${MAX_CSV_COLUMNS} columns`]: /101 columns; the limit is 100 columns/,
  [`more than ${MAX_CSV_ROWS} rows`]: /more than 100,000 data rows; the limit is 100,000 rows/,
  [`more than ${MAX_CSV_BYTES} characters`]: /longer than 50 MB, the limit for a CSV file/
};
const cases: FuzzCase<string>[] = [];
const add = (name: string, input: string) => cases.push({ name, input });

// Duplicate and blank headers: renamed (and said so), never two columns of one name.
add('a,a', 'a,a,label\n1,2,x\n3,4,y\n');
add('a,a,a (2)', 'a,a,a (2),label\n1,2,3,x\n3,4,5,y\n');
add('name, name (2), name', 'name,name (2),name,label\n1,2,3,x\n4,5,6,y\n');
add('padded duplicates', ' a ,a, a,label\n1,2,3,x\n4,5,6,y\n');
add('blank headers', ',,label\n1,2,x\n3,4,y\n');
add('"column 1" and a blank first', ',column 1,label\n1,2,x\n3,4,y\n');
add('100 columns all "x"', `${Array(MAX_CSV_COLUMNS - 1).fill('x').join(',')},label\n${Array(MAX_CSV_COLUMNS - 1).fill('1').join(',')},a\n${Array(MAX_CSV_COLUMNS - 1).fill('2').join(',')},b\n`);
add('the target duplicated', 'x,label,label\n1,a,b\n2,b,a\n');
add('quoted duplicates', '"a","a","label"\n1,2,x\n3,4,y\n');

add('a 1,000-character header', `${'h'.repeat(1000)},label\n1,x\n2,y\n`);
add('a 1,000-character class name', `a,label\n1,${'c'.repeat(1000)}\n2,y\n`);

// Ragged rows.
add('a short row', 'a,b,label\n1,2,x\n3,y\n');
add('a long row', 'a,b,label\n1,2,x\n3,4,5,y\n');
add('a header of one column, rows of three', 'label\n1,2,x\n');
add('every row a different length', 'a,b,label\n1\n1,2\n1,2,3,4\n');
add('a trailing separator', 'a,b,label\n1,2,x,\n3,4,y,\n');

// Numbers that are too large, not finite, or not numbers.
for (const value of ['1e308', '-1e309', '1e16', 'Infinity', '-Infinity', 'NaN', '1_000', '1,5', '0x1G', '--1']) {
  add(`feature value ${value}`, `a,b,label\n1,2,x\n"${value}",4,y\n3,4,x\n`);
}
add('regression target 1e300', 'a,b,target\n1,2,0.5\n3,4,1e300\n5,6,0.25\n');

// Empty, or nothing but a header or marks.
for (const [name, text] of [
  ['empty', ''],
  ['blank lines', '\n\n\n'],
  ['separators only', ' , , \n , , \n'],
  ['a header only', 'a,b,label\n'],
  ['a byte-order mark only', '\uFEFF'],
  ['a byte-order mark and a header', '\uFEFFa,b,label\r\n']
] as const) {
  add(name, text);
}

// Byte-order marks with other trouble.
add('a byte-order mark and duplicate headers', '\uFEFFa,a,label\n1,2,x\n3,4,y\n');
add('two byte-order marks and a blank header', '\uFEFF\uFEFF,b,label\n1,2,x\n3,4,y\n');
add('a byte-order mark and a ragged row', '\uFEFFa,b,label\n1,2,x\n3,4\n');
add('UTF-16 BE bytes read as UTF-8', new TextDecoder('utf-8').decode(new Uint8Array([0xfe, 0xff, 0x00, 0x61, 0x00, 0x2c, 0x00, 0x62, 0x00, 0x0a])));
add('UTF-16 LE bytes read as UTF-8', new TextDecoder('utf-8').decode(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00, 0x62, 0x00, 0x0a, 0x00])));

// Quotes, script and binary.
add('an unclosed quote', 'a,b,label\n"1,2,x\n3,4,y\n');
add('a quote in the middle of a field', 'a,b,label\n1,2"3,x\n3,4,y\n');
add('script in a header and a cell', '<img src=x onerror=alert(1)>,b,label\n<script>alert(1)</script>,2,x\n3,4,y\n');
add('a NUL byte', 'a,b,label\n1,2\u0000,x\n3,4,y\n');

// Targets a classifier cannot use.
add('one class only', 'a,b,label\n1,2,x\n3,4,x\n');
add('25 classes', `a,label\n${Array.from({ length: 25 }, (_, i) => `${i},class${i}`).join('\n')}\n`);
add('blank targets', 'a,b,label\n1,2,\n3,4, \n');

// Over the limits.
add(`more than ${MAX_CSV_COLUMNS} columns`, `${Array.from({ length: MAX_CSV_COLUMNS + 1 }, (_, i) => `c${i}`).join(',')}\n${Array(MAX_CSV_COLUMNS + 1).fill('1').join(',')}\n`);
add(`more than ${MAX_CSV_ROWS} rows`, `a,label\n${'1,x\n2,y\n'.repeat(MAX_CSV_ROWS / 2 + 1)}`);
add(`more than ${MAX_CSV_BYTES} characters`, 'a'.repeat(MAX_CSV_BYTES + 1));

// Seeded random bytes, alone and after a good header.
const rng = fuzzRng(1403);
for (let i = 0; i < 10; i++) add(`random bytes #${i + 1}`, randomText(rng, 1 + rng.int(3000)));
for (let i = 0; i < 5; i++) add(`a header, then random bytes #${i + 1}`, `a,b,label\n${randomText(rng, 1 + rng.int(500))}`);
// Random text from the characters CSV files are made of: ragged rows, stray quotes, non-numbers.
const CSV_CHARS = '0123456789.,-e\n"abc;\t ';
for (let i = 0; i < 10; i++) {
  const length = 5 + rng.int(400);
  add(`random CSV-like text #${i + 1}`, Array.from({ length }, () => CSV_CHARS[rng.int(CSV_CHARS.length)]).join(''));
}

fuzz('CSV files', cases, (text) => {
  const parsed = parseCsvText(text);
  if (!parsed.ok) return { messages: [parsed.error] };
  const target = parsed.columns[parsed.columns.length - 1];
  const built = buildTableFromCsv(parsed, { features: parsed.columns.slice(0, -1), target, standardise: true, testFraction: 0.2, seed: 1 });
  if (built.ok && built.source.x.some((v) => !Number.isFinite(v))) throw new Error('a table with a non-finite value was built');
  return { messages: [...parsed.warnings, ...(built.ok ? built.warnings : [built.error])] };
}, { says: SAYS });
