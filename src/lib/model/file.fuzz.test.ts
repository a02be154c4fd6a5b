/**
 * Fuzz: playground JSON files. Text that is not JSON, JSON of the wrong shape or types, prototype keys,
 * huge arrays and tables, hostile expressions, weights that do not fit, over-limit networks, random bytes.
 * Each must be refused (or, for a network over a limit, opened with the problem listed) with a message.
 */
import { buildStack } from './build';
import { defaultState } from './defaults';
import { exportStateJson, importStateJson } from './file';
import { paramCounts } from './spec';
import { fuzz, fuzzRng, networkMessages, randomText, type FuzzCase } from '../testing/fuzz';

// Tests damage arbitrary JSON on purpose, so its shape is deliberately loose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** A valid file as plain JSON, to damage in one place. */
const file = (): Loose => JSON.parse(exportStateJson(defaultState()));
function damaged(damage: (f: Loose) => void): string {
  const value = file();
  damage(value);
  return JSON.stringify(value);
}
/** Replaces one part of a valid file's text, failing loudly if the part is not there. */
function edited(pattern: string | RegExp, replacement: string): string {
  const text = JSON.stringify(file());
  const out = text.replace(pattern, replacement);
  if (out === text) throw new Error(`the fuzz case's edit ${String(pattern)} did not apply`);
  return out;
}

/** What the message must say, for the hand-written cases (each key must name a case). */
const SAYS: Record<string, RegExp> = {
  'text ': /The file is empty/,
  'text {': /not valid JSON: unexpected the end/,
  'JSON null': /not an Axon file: it holds null/,
  'format missing': /no "format": "axon"/,
  'version 2': /newer Axon \(version 2\)/,
  'state missing': /state: missing/,
  'units "4"': /doc\.nodes\[2\]\.units: expected a number, got "4"/,
  'a cycle': /the wires form a cycle/,
  '__proto__ as the whole file': /no "format": "axon"/,
  '__proto__ in a node': /doc\.nodes\[2\]\.units: expected a number, got "x"/,
  '100,000 nodes': /doc\.nodes: too long: at most 500 items/,
  '30,000 edges': /doc\.edges: too long: at most 20000 items/,
  'a table of 2,000,000 rows': /data: the table has 2,000,000 rows; the limit is 100,000 rows/,
  'a table of 100,001 rows': /data: the table has 100,001 rows; the limit is 100,000 rows/,
  'a table of 6,000,000 values': /data: the table has 6,000,000 values; the limit is 5,000,000/,
  'a table value 1e308': /data\.x\[2\]: 1e\+308 is beyond the limit of ±1e\+15/,
  'a regression target 1e300': /data\.y\[1\]: 1e\+300 is beyond the limit/,
  'expression <img src=x onerror=alert(1)>': /does not parse: unexpected character "<" at 1/,
  'expression ((((((((((x': /does not parse: missing "\)"/,
  'weights: too few': /weights\.params: 2 values, but the network has \d+ parameters/,
  'weights: 1e300, the right count': /weights\.params\[3\]: 1e\+300 is beyond what a float32 weight holds/,
  'a 50-layer chain of 1,024 units': /51,434,497 parameters; the limit is 2,000,000/,
  'a hidden layer of 2,000 units': /has 2000 units; the limit is 1024 per layer/
};
const cases: FuzzCase<string>[] = [];
const add = (name: string, input: string) => cases.push({ name, input });

// Not JSON at all.
for (const text of ['', '   ', '{', '[1, 2', 'NaN', 'undefined', "{'format': 'axon'}", '{"format": "axon",}', '\uFEFF{"format":"axon"}', '<html><script>alert(1)</script>']) {
  add(`text ${text}`, text);
}
const rng = fuzzRng(1402);
for (let i = 0; i < 8; i++) add(`random bytes #${i + 1}`, randomText(rng, 1 + rng.int(2000)));
for (let i = 0; i < 4; i++) {
  const valid = JSON.stringify(file());
  const at = rng.int(valid.length);
  add(`valid file cut at ${at}`, valid.slice(0, at));
}
add('nesting 200,000 deep', '['.repeat(200_000) + ']'.repeat(200_000));

// JSON of the wrong kind.
for (const text of ['null', '42', '"axon"', '[]', 'true', '{}']) add(`JSON ${text}`, text);
add('format missing', damaged((f) => delete f.format));
add('format "keras"', damaged((f) => (f.format = 'keras')));
add('version 0', damaged((f) => (f.version = 0)));
add('version 2', damaged((f) => (f.version = 2)));
add('version "1"', damaged((f) => (f.version = '1')));
add('version 1.5', damaged((f) => (f.version = 1.5)));
add('version 1e400', edited('"version":1', '"version":1e400'));
add('state missing', damaged((f) => delete f.state));
add('state null', damaged((f) => (f.state = null)));
add('state a list', damaged((f) => (f.state = [f.state])));

// Wrong types inside.
add('units "4"', damaged((f) => (f.state.doc.nodes[2].units = '4')));
add('units -1', damaged((f) => (f.state.doc.nodes[2].units = -1)));
add('units 1e400', edited('"units":4', '"units":1e400'));
add('activation 7', damaged((f) => (f.state.doc.nodes[2].activation = 7)));
add('nodes an object', damaged((f) => (f.state.doc.nodes = {})));
add('edges a string', damaged((f) => (f.state.doc.edges = 'e1')));
add('learning rate "0.1"', damaged((f) => (f.state.settings.learningRate = '0.1')));
add('data kind 5', damaged((f) => (f.state.data.kind = 5)));
add('view column -1', damaged((f) => (f.state.view.xColumn = -1)));
add('a cycle', damaged((f) => f.state.doc.edges.push({ id: 'e9', from: 'h2', to: 'h1' })));
add('duplicate node ids', damaged((f) => (f.state.doc.nodes[3].id = f.state.doc.nodes[2].id)));

// Prototype keys: read as plain data, never as the prototype.
add('__proto__ as the whole file', '{"__proto__": {"format": "axon", "version": 1, "polluted": 1}}');
add('__proto__ holding the state', edited('"state":', '"__proto__":{"polluted":1},"state_":'));
add('__proto__ in a node', edited('"units":4', '"__proto__":{"polluted":1,"units":4},"units":"x"'));
add('constructor.prototype in the settings', edited(/"learningRate":[0-9.e-]+/, '"constructor":{"prototype":{"polluted":1}},"learningRate":-1'));
add('__proto__ as the data', edited(/"data":\{[^}]*\}/, '"data":{"__proto__":{"kind":"generated","polluted":1}}'));

// Huge arrays and tables.
const manyNodes = (count: number) => damaged((f) => (f.state.doc.nodes = Array.from({ length: count }, (_, i) => ({ ...f.state.doc.nodes[2], id: `n${i}` }))));
add('100,000 nodes', manyNodes(100_000));
add('30,000 edges', damaged((f) => (f.state.doc.edges = Array.from({ length: 30_000 }, (_, i) => ({ id: `e${i}`, from: 'h1', to: 'h2' })))));
const table = (rows: number, columns = 2, value = 0) => ({
  kind: 'table',
  name: 't',
  columns: Array.from({ length: columns }, (_, i) => `c${i}`),
  x: new Array(rows * columns).fill(value),
  y: Array.from({ length: rows }, (_, i) => i % 2),
  classes: ['a', 'b'],
  targetColumns: [],
  isTest: new Array(rows).fill(0)
});
add('a table of 2,000,000 rows', damaged((f) => (f.state.data = table(2_000_000))));
add('a table of 100,001 rows', damaged((f) => (f.state.data = table(100_001))));
add('a table of 6,000,000 values', damaged((f) => (f.state.data = table(60_000, 100))));
add('a table value 1e308', damaged((f) => (f.state.data = { ...table(3), x: [0, 1, 1e308, 2, 3, 4] })));
add('a table value -1e16', damaged((f) => (f.state.data = { ...table(3), x: [0, 1, -1e16, 2, 3, 4] })));
add('a regression target 1e300', damaged((f) => (f.state.data = { ...table(3), classes: null, targetColumns: ['y'], y: [0, 1e300, 2] })));
add('a class label 7 of 2', damaged((f) => (f.state.data = { ...table(3), y: [0, 7, 1] })));
add('a 2 MB label', damaged((f) => (f.state.doc.nodes[0].label = 'x'.repeat(2_000_000))));

// Hostile data expressions.
for (const expression of ['<img src=x onerror=alert(1)>', 'x)+(window.__xss=8)+(y', 'constructor.constructor("alert(1)")()', 'x'.repeat(201), '((((((((((x']) {
  add(`expression ${expression}`, damaged((f) => (f.state.data = { ...f.state.data, generator: 'function', expression })));
}

// Weights that do not fit the network.
add('weights: too few', damaged((f) => (f.weights = { params: [1, 2], frozen: [0, 0] })));
add('weights: a string among them', damaged((f) => (f.weights = { params: ['1'], frozen: [0] })));
add('weights: frozen 2', damaged((f) => (f.weights = { params: [1], frozen: [2] })));
add('weights: 1e300, the right count', damaged((f) => (f.weights = { params: new Array(paramCounts(f.state.doc).total).fill(0.5).fill(1e300, 3, 4), frozen: new Array(paramCounts(f.state.doc).total).fill(0) })));
add('weights: 1e400', edited('"version":1,', '"version":1,"weights":{"params":[1e400],"frozen":[0]},'));

// Networks over a limit: read, and refused before training with the limit named.
const chain = buildStack({
  inputs: [{ label: 'x', features: [{ op: 'id', a: 0 }, { op: 'id', a: 1 }] }],
  hidden: Array.from({ length: 50 }, () => ({ units: 1024, activation: 'relu' as const })),
  output: { units: 1, activation: 'sigmoid' }
});
add('a 50-layer chain of 1,024 units', damaged((f) => (f.state.doc = chain)));
add('a hidden layer of 2,000 units', damaged((f) => (f.state.doc.nodes[2].units = 2000)));

fuzz('JSON files', cases, (text) => {
  const result = importStateJson(text);
  return { messages: result.ok ? networkMessages(result.state) : result.errors };
}, { says: SAYS });
