/**
 * Fuzz: postMessage payloads a host page (or any page, when no allow-list is set) can send to an embed.
 * Each payload is structured-cloned as postMessage would, read by parseCommand, and, for a `load` with a
 * state, read by the same schema as files. Wrong types, missing or wrong `axon`, unknown commands, huge or
 * non-finite numbers, bad `load` states, prototype keys, deep nesting, cycles. Each must end in a message.
 */
import { presetById } from '../data/presets';
import { defaultState } from '../model/defaults';
import { parseState } from '../model/schema';
import { fuzz, fuzzRng, networkMessages, randomText, type FuzzCase } from '../testing/fuzz';
import { LIMITS, parseCommand } from './messages';

// Payloads are hostile on purpose, so their shape is deliberately loose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** What the message must say, for the hand-written cases (each key must name a case). */
const SAYS: Record<string, RegExp> = {
  'payload undefined': /the message is empty, not an object/,
  'payload a bigint': /the message is a bigint, not an object/,
  'payload a Date': /not an Axon message/,
  'payload an object with no axon field': /not an Axon message/,
  'axon 2': /axon: version 2 is not supported/,
  'type "eval"': /type: unknown command "eval"/,
  'type "__proto__"': /__proto__|unknown command/,
  'type missing': /type: missing/,
  'play with an extra field': /script: unknown field/,
  'step with steps 10001': /steps: must be at most 10000 \(got 10001\)/,
  'step with steps NaN': /steps: expected a finite number, got NaN|steps: expected a number/,
  'setParam learningRate = -0.1': /value: must be more than 0 \(got -0\.1\)/,
  'setParam eval = 1': /name: unknown setting "eval"/,
  'setParam without a value': /value: missing/,
  'load with neither preset nor state': /exactly one of "preset"/,
  'load preset "no-such-preset"': /No preset called "no-such-preset"/,
  'load state with a cycle': /the wires form a cycle/,
  'load state with a hostile expression': /data\.expression: the function .* does not parse/,
  // 300,003 values: the message's own size limit refuses it before the table's row limit is reached.
  'load state with a 100,001-row table': /more than 200000 values/,
  'load state with a 1,500-unit layer': /has 1500 units; the limit is 1024 per layer/,
  'nesting 25 deep': /nested deeper than 24/,
  'a cycle in the payload': /nested deeper than 24/,
  '__proto__ as a key': /__proto__: a forbidden key/,
  'constructor as a key': /constructor: a forbidden key/,
  'more than 200000 values': /more than 200000 values/
};
const cases: FuzzCase<unknown>[] = [];
const add = (name: string, input: unknown) => cases.push({ name, input });
const cmd = (fields: Record<string, unknown>) => ({ axon: 1, ...fields });

// Not an object, or not one of ours.
for (const [name, value] of [
  ['null', null],
  ['a number', 1],
  ['a string', 'play'],
  ['an array', [1, 'play']],
  ['true', true],
  ['undefined', undefined],
  ['a bigint', 10n],
  ['a Date', new Date(0)],
  ['a Map', new Map([['axon', 1]])],
  ['a byte array', new Uint8Array([1, 2, 3])],
  ['an object with no axon field', { type: 'play' }],
  ['an empty object', {}]
] as const) {
  add(`payload ${name}`, value);
}

// The namespace field wrong.
for (const axon of [2, 0, '1', null, true, 1.5, [1], { v: 1 }, Number.NaN, -1]) add(`axon ${JSON.stringify(axon) ?? String(axon)}`, { axon, type: 'play' });

// Unknown or malformed command types.
for (const type of ['eval', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'PLAY', 'play ', 42, null, ['play']]) {
  add(`type ${JSON.stringify(type)}`, cmd({ type }));
}
add('type missing', cmd({}));
add('play with an extra field', cmd({ type: 'play', script: '<img src=x onerror=alert(1)>' }));

// step with steps that are not a sensible count.
for (const steps of [LIMITS.maxSteps + 1, 1e9, Infinity, -Infinity, Number.NaN, -1, 0, 1.5, '10', null, 2 ** 53]) {
  add(`step with steps ${String(steps)}`, cmd({ type: 'step', steps }));
}

// setParam with values out of range or of the wrong type, and settings that do not exist.
const setParam = (name: unknown, value: unknown) => cmd({ type: 'setParam', name, value });
for (const [name, value] of [
  ['learningRate', Number.NaN],
  ['learningRate', -0.1],
  ['learningRate', 0],
  ['learningRate', '0.1'],
  ['learningRate', Infinity],
  ['learningRate', 11],
  ['batchSize', -1],
  ['batchSize', 1e12],
  ['batchSize', 2.5],
  ['optimizer', 'adamw'],
  ['loss', 'focal'],
  ['activation', 'softmax'],
  ['activation', '__proto__'],
  ['momentum', 1],
  ['noise', 2],
  ['testFraction', 0.95],
  ['seed', -1],
  ['seed', 2 ** 32],
  ['maxEpochs', -5],
  ['eval', 1],
  ['__proto__', 1],
  ['constructor', 1],
  [null, 1],
  [42, 1]
] as const) {
  add(`setParam ${String(name)} = ${JSON.stringify(value) ?? String(value)}`, setParam(name, value));
}
add('setParam without a value', cmd({ type: 'setParam', name: 'learningRate' }));

// reset with seeds that are not seeds.
for (const seed of [-1, 2 ** 32, 1.5, '7', Number.NaN]) add(`reset with seed ${String(seed)}`, cmd({ type: 'reset', seed }));
add('getState with an extra field', cmd({ type: 'getState', then: 'post it elsewhere' }));

// load: the wrong form, unknown presets, states that are not playgrounds.
const state = (): Loose => JSON.parse(JSON.stringify(defaultState()));
add('load with neither preset nor state', cmd({ type: 'load' }));
add('load with both', cmd({ type: 'load', preset: 'xor', state: state() }));
for (const preset of ['../../etc/passwd', 'with spaces', '', 'x'.repeat(65), 42, null, 'no-such-preset']) {
  add(`load preset ${JSON.stringify(preset)}`, cmd({ type: 'load', preset }));
}
for (const [name, value] of [
  ['null', null],
  ['a list', [state()]],
  ['a string', '{"version":1}'],
  ['empty', {}]
] as const) {
  add(`load state ${name}`, cmd({ type: 'load', state: value }));
}
const damagedState = (damage: (s: Loose) => void) => {
  const value = state();
  damage(value);
  return value;
};
add('load state with a cycle', cmd({ type: 'load', state: damagedState((s) => s.doc.edges.push({ id: 'e9', from: 'h2', to: 'h1' })) }));
add('load state with units 10,000', cmd({ type: 'load', state: damagedState((s) => (s.doc.nodes[2].units = 10_000)) }));
add('load state with a hostile expression', cmd({ type: 'load', state: damagedState((s) => (s.data = { ...s.data, generator: 'function', expression: 'x)+(window.__xss=8)+(y' })) }));
add('load state with a value 1e308', cmd({ type: 'load', state: damagedState((s) => (s.data = { kind: 'table', name: 't', columns: ['a'], x: [1, 1e308], y: [0, 1], classes: ['a', 'b'], targetColumns: [], isTest: [0, 0] })) }));
add('load state with a 100,001-row table', cmd({ type: 'load', state: damagedState((s) => (s.data = { kind: 'table', name: 't', columns: ['a'], x: new Array(100_001).fill(0), y: new Array(100_001).fill(0), classes: ['a', 'b'], targetColumns: [], isTest: new Array(100_001).fill(0) })) }));
add('load state with a 1,500-unit layer', cmd({ type: 'load', state: damagedState((s) => (s.doc.nodes[2].units = 1500)) }));

// Shapes that could stall or reach the prototype.
const nested = (depth: number): Loose => (depth === 0 ? 1 : { a: nested(depth - 1) });
add(`nesting ${LIMITS.depth + 1} deep`, cmd({ type: 'play', extra: nested(LIMITS.depth + 1) }));
// 1,000 deep: about as deep as postMessage's structured clone itself accepts.
add('nesting 1,000 deep', cmd({ type: 'play', extra: nested(1000) }));
add(`more than ${LIMITS.values} values`, cmd({ type: 'play', extra: new Array(LIMITS.values + 1).fill(0) }));
add('a string over the limit', cmd({ type: 'load', preset: 'x'.repeat(LIMITS.stringLength + 1) }));
const cyclic: Loose = cmd({ type: 'play' });
cyclic.self = cyclic;
add('a cycle in the payload', cyclic);
add('__proto__ as a key', JSON.parse('{"axon":1,"type":"play","__proto__":{"polluted":1}}'));
add('constructor as a key', cmd({ type: 'play', constructor: { prototype: { polluted: 1 } } }));
add('__proto__ inside a load state', cmd({ type: 'load', state: JSON.parse('{"__proto__":{"polluted":1,"version":1}}') }));

// Seeded random text and random objects.
const rng = fuzzRng(1404);
for (let i = 0; i < 4; i++) add(`random text #${i + 1}`, randomText(rng, 1 + rng.int(200)));
const KEYS = ['axon', 'type', 'steps', 'name', 'value', 'preset', 'state', 'seed'];
const VALUES = [1, 0, -1, 1e308, 'play', 'step', 'load', 'setParam', null, [], {}, true];
for (let i = 0; i < 8; i++) {
  const payload: Record<string, unknown> = { axon: 1 };
  for (let k = 0; k < 1 + rng.int(4); k++) payload[KEYS[1 + rng.int(KEYS.length - 1)]] = VALUES[rng.int(VALUES.length)];
  if (!('type' in payload)) payload.type = 'setParam';
  add(`random command #${i + 1}: ${JSON.stringify(payload)}`, payload);
}

/** What the embed would report: the parse refusal, or for a load the refusal of its preset or state. */
async function messagesFor(payload: unknown): Promise<string[]> {
  // postMessage hands the embed a structured clone, never the host's own objects.
  const data = structuredClone(payload);
  const parsed = parseCommand(data);
  if (!parsed.ok) return [parsed.reason];
  const command = parsed.command;
  if (command.type !== 'load') return [];
  if ('preset' in command) return presetById(command.preset) ? [] : [`No preset called "${command.preset}".`];
  const read = parseState(command.state);
  return read.ok ? networkMessages(read.state) : read.errors;
}

fuzz('postMessage payloads', cases, async (payload) => ({ messages: await messagesFor(payload) }), { says: SAYS });
