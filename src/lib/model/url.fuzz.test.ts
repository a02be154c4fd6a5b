/**
 * Fuzz: share links. Damaged links (cut, flipped, characters inserted, wrong version, random text) and
 * well-packed links holding hostile playgrounds (huge or negative sizes, cycles, non-finite numbers,
 * unknown activations, deep nesting, 2 MB, over-limit tables and networks). Each must end in a message.
 */
import { buildStack } from './build';
import { defaultState } from './defaults';
import { fuzz, fuzzRng, networkMessages, randomText, type FuzzCase } from '../testing/fuzz';
import { decodeState, encodeState, toBase64Url } from './url';

// Tests damage arbitrary JSON on purpose, so its shape is deliberately loose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** Packs any JSON text as a v1 link, the way encodeState packs a playground. */
async function linkOfText(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return `v1.${toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()))}`;
}
const linkOf = (value: unknown) => linkOfText(JSON.stringify(value));

/** A fresh valid state as plain JSON, to damage in one place. */
const plain = (): Loose => JSON.parse(JSON.stringify(defaultState()));
function damaged(damage: (s: Loose) => void): Loose {
  const value = plain();
  damage(value);
  return value;
}

/** What the message must say, for the hand-written cases (each key must name a case). */
const SAYS: Record<string, RegExp> = {
  empty: /holds no playground/,
  'version prefix v2.': /newer Axon \(version 2\)/,
  'version prefix V1.': /should start with "v1\."/,
  'link holding units 1e308': /doc\.nodes\[2\]\.units: must be at most 16384/,
  'link holding units -4': /doc\.nodes\[2\]\.units: must be at least 0 \(got -4\)/,
  'link holding units 10,000': /must be at most 2048 \(got 10000\)/,
  'link holding units "4"': /doc\.nodes\[2\]\.units: expected a number, got "4"/,
  'link holding a cycle': /the wires form a cycle: h1 → h2 → h1/,
  'link holding unknown activation': /activation: unknown "relux"/,
  'link holding x = 1e400': /doc\.nodes\[0\]\.x: expected a finite number, got Infinity/,
  'link holding learning rate 1e400': /settings\.learningRate: expected a finite number, got Infinity/,
  'link holding version 2': /newer Axon \(version 2\)/,
  'link holding a 2 MB label': /label: too long: at most 200 characters/,
  'link holding 2 MB of nodes': /doc\.nodes: too long: at most 500 items/,
  'link holding expression <img src=x onerror=…>': /data\.expression: the function "<img src=x onerror=alert\(1\)>" does not parse/,
  'link holding expression x)+(window.__xss=8)+(y': /data\.expression: the function .* does not parse/,
  'link holding expression constructor.constructor(…)()': /data\.expression: the function .* does not parse/,
  'link holding a table value 1e308': /data\.x\[1\]: 1e\+308 is beyond the limit of ±1e\+15 for data values/,
  'link holding a table of 2,000,000 rows': /data: the table has 2,000,000 rows; the limit is 100,000 rows/,
  'link holding __proto__ in the settings': /settings\.learningRate: missing/,
  'link holding a 50-layer chain of 1,024 units': /51,434,497 parameters; the limit is 2,000,000/
};
const cases: FuzzCase<string>[] = [];
const add = (name: string, input: string) => cases.push({ name, input });

const valid = await encodeState(defaultState());
const payload = valid.slice(3);
const rng = fuzzRng(1401);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

// Cut short: anywhere in the packed bytes, and down to the bare prefix.
for (let i = 0; i < 12; i++) {
  const at = 3 + rng.int(payload.length - 1);
  add(`truncated at ${at} of ${valid.length}`, valid.slice(0, at));
}
add('only the prefix "v1."', 'v1.');
add('only "v1"', 'v1');

// One character changed, or one inserted: the "+" and "%" of a mangled copy, and characters no link has.
for (let i = 0; i < 14; i++) {
  const at = 3 + rng.int(payload.length);
  const original = valid[at];
  let replacement = ALPHABET[rng.int(ALPHABET.length)];
  if (replacement === original) replacement = original === 'A' ? 'B' : 'A';
  add(`flipped ${original}→${replacement} at ${at}`, valid.slice(0, at) + replacement + valid.slice(at + 1));
}
for (const inserted of ['+', '%', '%2', ' ', '=', '.', '\n', '/', '\u00e9', '\u0000']) {
  const at = 3 + rng.int(payload.length);
  add(`"${inserted}" inserted at ${at}`, valid.slice(0, at) + inserted + valid.slice(at));
}

// Wrong versions and prefixes.
for (const prefix of ['v0.', 'v2.', 'v99999999999999999999.', 'V1.', 'x1.', '1.', 'v-1.', 'v1.5.', 'v١.']) add(`version prefix ${prefix}`, prefix + payload);
add('empty', '');
add('spaces only', '   ');

// Random text after a good prefix, and random text alone.
for (let i = 0; i < 6; i++) {
  const length = 1 + rng.int(400);
  add(`random base64url of ${length} characters`, `v1.${Array.from({ length }, () => ALPHABET[rng.int(64)]).join('')}`);
}
for (let i = 0; i < 4; i++) add(`random bytes as text #${i + 1}`, randomText(rng, 20 + rng.int(300)));

// Well-packed links holding hostile playgrounds.
const hostile: [string, unknown][] = [
  ['not JSON inside', null],
  ['units 1e308', damaged((s) => (s.doc.nodes[2].units = 1e308))],
  ['units 1e400 (Infinity once parsed)', null],
  ['units -4', damaged((s) => (s.doc.nodes[2].units = -4))],
  ['units 10,000', damaged((s) => (s.doc.nodes[2].units = 10_000))],
  ['units "4"', damaged((s) => (s.doc.nodes[2].units = '4'))],
  ['units null (a NaN after JSON)', damaged((s) => (s.doc.nodes[2].units = null))],
  ['a cycle', damaged((s) => s.doc.edges.push({ id: 'e9', from: 'h2', to: 'h1' }))],
  ['a self-loop', damaged((s) => s.doc.edges.push({ id: 'e9', from: 'h1', to: 'h1' }))],
  ['a wire to a missing node', damaged((s) => (s.doc.edges[0].to = 'ghost'))],
  ['unknown activation', damaged((s) => (s.doc.nodes[2].activation = 'relux'))],
  ['activation "__proto__"', damaged((s) => (s.doc.nodes[2].activation = '__proto__'))],
  ['node kind "constructor"', damaged((s) => (s.doc.nodes[2].kind = 'constructor'))],
  ['x = 1e400', null],
  ['learning rate 1e400', null],
  ['batch size -1', damaged((s) => (s.settings.batchSize = -1))],
  ['seed 2^53', damaged((s) => (s.settings.seed = 2 ** 53))],
  ['a feature column 1e9', damaged((s) => (s.doc.nodes[0].features[0].a = 1e9))],
  ['doc null', damaged((s) => (s.doc = null))],
  ['doc a string', damaged((s) => (s.doc = 'doc'))],
  ['nodes an object', damaged((s) => (s.doc.nodes = { 0: s.doc.nodes[0] }))],
  ['the playground an array', [1, 2, 3]],
  ['the playground a number', 42],
  ['the playground a string', '<script>alert(1)</script>'],
  ['version 2', damaged((s) => (s.version = 2))],
  ['deep nesting in a label', null],
  ['deep nesting as the doc', null],
  ['deep nesting as the playground', null],
  ['a 2 MB label', damaged((s) => (s.doc.nodes[0].label = 'x'.repeat(2_000_000)))],
  ['2 MB of nodes', damaged((s) => (s.doc.nodes = Array.from({ length: 20_000 }, (_, i) => ({ ...s.doc.nodes[2], id: `n${i}` }))))],
  ['expression <img src=x onerror=…>', damaged((s) => (s.data = { ...s.data, generator: 'function', expression: '<img src=x onerror=alert(1)>' }))],
  ['expression x)+(window.__xss=8)+(y', damaged((s) => (s.data = { ...s.data, generator: 'function', expression: 'x)+(window.__xss=8)+(y' }))],
  ['expression constructor.constructor(…)()', damaged((s) => (s.data = { ...s.data, generator: 'function', expression: 'constructor.constructor("alert(1)")()' }))],
  ['a table value 1e308', damaged((s) => (s.data = { kind: 'table', name: 't', columns: ['a', 'b'], x: [1, 1e308, 2, 3], y: [0, 1], classes: ['n', 'y'], targetColumns: [], isTest: [0, 0] }))],
  ['a table of 2,000,000 rows', damaged((s) => (s.data = { kind: 'table', name: 't', columns: ['a'], x: new Array(2_000_000).fill(0), y: new Array(2_000_000).fill(0), classes: null, targetColumns: ['y'], isTest: new Array(2_000_000).fill(0) }))],
  ['__proto__ in the settings', null],
  [
    'a 50-layer chain of 1,024 units',
    {
      ...plain(),
      doc: buildStack({
        inputs: [{ label: 'x', features: [{ op: 'id', a: 0 }, { op: 'id', a: 1 }] }],
        hidden: Array.from({ length: 50 }, () => ({ units: 1024, activation: 'relu' as const })),
        output: { units: 1, activation: 'sigmoid' }
      })
    }
  ]
];
/** Replaces one part of a valid state's JSON text, failing loudly if the part is not there. */
function edited(pattern: string | RegExp, replacement: string): string {
  const text = JSON.stringify(plain());
  const out = text.replace(pattern, replacement);
  if (out === text) throw new Error(`the fuzz case's edit ${String(pattern)} did not apply`);
  return out;
}
// Texts JSON.stringify cannot write: numbers beyond the doubles, nesting deeper than its recursion.
const rawJson: Record<string, string> = {
  'deep nesting in a label': edited('"label":"x1"', `"label":${'['.repeat(50_000)}${']'.repeat(50_000)}`),
  'deep nesting as the doc': edited(/"doc":\{.*?\},"settings"/, `"doc":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)},"settings"`),
  'deep nesting as the playground': '['.repeat(200_000) + ']'.repeat(200_000),
  'not JSON inside': '{"version": 1, "doc": ',
  'units 1e400 (Infinity once parsed)': edited('"units":4', '"units":1e400'),
  'x = 1e400': edited(/"x":[-0-9.e]+/, '"x":1e400'),
  'learning rate 1e400': edited(/"learningRate":[0-9.e-]+/, '"learningRate":1e400'),
  // The settings hidden behind __proto__: read as an object with no settings of its own, never as inherited ones.
  '__proto__ in the settings': edited(/"settings":(\{[^}]*\})/, '"settings":{"__proto__":$1}')
};
for (const [name, value] of hostile) add(`link holding ${name}`, await (rawJson[name] !== undefined ? linkOfText(rawJson[name]) : linkOf(value)));

fuzz('share links', cases, async (param) => {
  const decoded = await decodeState(param);
  return { messages: [...decoded.warnings, ...networkMessages(decoded.state)] };
}, { swallowed: /^The link could not be read \(/, says: SAYS });
