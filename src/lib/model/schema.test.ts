import { describe, expect, it } from 'vitest';
import { defaultState } from './defaults';
import type { PlaygroundState } from './playground';
import { MAX_TABLE_ROWS } from '../limits';
import { parseState, recoverState } from './schema';

// Tests damage arbitrary JSON on purpose, so its shape is deliberately loose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** A fresh valid state as a plain JSON value, to damage in one place. */
const json = (): Record<string, Loose> => JSON.parse(JSON.stringify(defaultState()));

const errorsOf = (value: unknown): string[] => {
  const result = parseState(value);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
};

describe('parseState', () => {
  it('accepts a valid state and drops unknown keys', () => {
    const value = json();
    value.extra = 1;
    value.doc.nodes[0].colour = 'red';
    const result = parseState(value);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.state).toEqual(defaultState());
      expect('extra' in result.state).toBe(false);
    }
  });

  it('accepts every data source kind', () => {
    const table: PlaygroundState['data'] = {
      kind: 'table',
      name: 'hotels',
      columns: ['size', 'stars'],
      x: [1, 2, 3, 4, 5, 6],
      y: [10, 20, 30],
      classes: null,
      targetColumns: ['price'],
      isTest: [0, 0, 1]
    };
    for (const data of [table, { kind: 'mnist', trainCount: 1000, testCount: 200 }, { ...json().data, generator: 'spiral_multi', classes: 3 }]) {
      expect(parseState({ ...json(), data }).ok).toBe(true);
    }
  });

  it.each([
    ['unknown activation', (s: Loose) => (s.doc.nodes[3].activation = 'relux'), 'doc.nodes[3].activation: unknown "relux" (expected one of linear, step, sigmoid, tanh, arctan, relu, leaky_relu, prelu, elu, softplus, softmax)'],
    ['negative units', (s: Loose) => (s.doc.nodes[2].units = -3), 'doc.nodes[2].units: must be at least 0 (got -3)'],
    ['units 1e9', (s: Loose) => (s.doc.nodes[2].units = 1e9), 'doc.nodes[2].units: must be at most 16384 (got 1000000000)'],
    ['fractional units', (s: Loose) => (s.doc.nodes[2].units = 2.5), 'doc.nodes[2].units: expected a whole number, got 2.5'],
    ['units as a NaN-like string', (s: Loose) => (s.doc.nodes[2].units = 'NaN'), 'doc.nodes[2].units: expected a number, got "NaN"'],
    ['x as "Infinity"', (s: Loose) => (s.doc.nodes[0].x = 'Infinity'), 'doc.nodes[0].x: expected a number, got "Infinity"'],
    ['missing node id', (s: Loose) => delete s.doc.nodes[1].id, 'doc.nodes[1].id: missing'],
    ['unknown node kind', (s: Loose) => (s.doc.nodes[1].kind = 'lstm'), 'doc.nodes[1].kind: unknown "lstm" (expected one of input, dense, output, conv, pool, flatten)'],
    ['unknown feature op', (s: Loose) => (s.doc.nodes[0].features[0].op = 'cos'), 'doc.nodes[0].features[0].op: unknown "cos" (expected one of id, square, sin, product)'],
    ['product without b', (s: Loose) => (s.doc.nodes[0].features[0].op = 'product'), 'doc.nodes[0].features[0]: a product feature needs a second column "b"'],
    ['nodes not a list', (s: Loose) => (s.doc.nodes = {}), 'doc.nodes: expected a list, got an object'],
    ['missing doc', (s: Loose) => delete s.doc, 'doc: missing'],
    ['learningRate -1', (s: Loose) => (s.settings.learningRate = -1), 'settings.learningRate: must be more than 0 (got -1)'],
    ['learningRate "abc"', (s: Loose) => (s.settings.learningRate = 'abc'), 'settings.learningRate: expected a number, got "abc"'],
    ['learningRate 1e9', (s: Loose) => (s.settings.learningRate = 1e9), 'settings.learningRate: must be at most 10 (got 1000000000)'],
    ['learningRate null', (s: Loose) => (s.settings.learningRate = null), 'settings.learningRate: expected a number, got null'],
    ['unknown optimizer', (s: Loose) => (s.settings.optimizer = 'adamw'), 'settings.optimizer: unknown "adamw" (expected one of sgd, momentum, nesterov, rmsprop, adam)'],
    ['unknown loss', (s: Loose) => (s.settings.loss = 'focal'), 'settings.loss: unknown "focal" (expected one of mse, half_sse, mae, bce, cce, sparse_cce, hinge, squared_hinge, log_cosh, huber)'],
    ['batchSize 2.5', (s: Loose) => (s.settings.batchSize = 2.5), 'settings.batchSize: expected a whole number, got 2.5'],
    ['momentum 1', (s: Loose) => (s.settings.momentum = 1), 'settings.momentum: must be less than 1 (got 1)'],
    ['negative l2', (s: Loose) => (s.settings.l2 = -0.1), 'settings.l2: must be at least 0 (got -0.1)'],
    ['version 2', (s: Loose) => (s.version = 2), 'version: expected 1, got 2'],
    ['unknown data kind', (s: Loose) => (s.data.kind = 'imagenet'), 'data.kind: unknown "imagenet" (expected one of generated, table, mnist)'],
    ['unknown generator', (s: Loose) => (s.data.generator = 'swirl'), 'data.generator: unknown "swirl" (expected one of circle, xor, gaussians, spiral, moons, checkerboard, function, gaussians_multi, spiral_multi, plane, multi_gaussian)'],
    ['noise 2', (s: Loose) => (s.data.noise = 2), 'data.noise: must be at most 1 (got 2)'],
    ['view missing', (s: Loose) => delete s.view, 'view: missing'],
    ['edge to a missing node', (s: Loose) => (s.doc.edges[0].to = 'ghost'), 'doc.edges[0].to: there is no node "ghost"'],
    ['duplicate node ids', (s: Loose) => (s.doc.nodes[3].id = 'h1'), 'doc.nodes[3].id: "h1" is used by another node'],
    ['duplicate edge ids', (s: Loose) => (s.doc.edges[1].id = 'e1'), 'doc.edges[1].id: "e1" is used by another wire'],
    ['the same wire twice', (s: Loose) => s.doc.edges.push({ id: 'e9', from: 'h1', to: 'h2' }), 'doc.edges[4]: h1 → h2 is wired twice'],
    ['a cycle', (s: Loose) => s.doc.edges.push({ id: 'e9', from: 'h2', to: 'h1' }), 'doc.edges: the wires form a cycle: h1 → h2 → h1'],
    ['empty id', (s: Loose) => (s.doc.edges[0].id = ''), 'doc.edges[0].id: needs at least 1 characters'],
    ['huge label', (s: Loose) => (s.doc.nodes[0].label = 'x'.repeat(10_000)), 'doc.nodes[0].label: too long: at most 200 characters']
  ])('%s', (_name, damage, message) => {
    const value = json();
    damage(value);
    expect(errorsOf(value)).toContain(message);
  });

  it.each([
    ['null', null, 'expected the playground as an object, got null'],
    ['an array', [], 'expected the playground as an object, got a list'],
    ['a number', 42, 'expected the playground as an object, got 42'],
    ['a string', 'hello', 'expected the playground as an object, got "hello"'],
    ['an empty object', {}, 'version: missing']
  ])('refuses %s', (_name, value, message) => {
    expect(errorsOf(value)[0]).toBe(message);
  });

  it('checks table shapes and columns', () => {
    const value = json();
    value.data = { kind: 'table', name: 't', columns: ['a', 'b'], x: [1, 2, 3], y: [0], classes: ['no', 'yes'], targetColumns: [], isTest: [0] };
    expect(errorsOf(value)).toEqual(['data.x: has 3 values, not a whole number of rows of 2 columns']);
    value.data.x = [1, 2, 3, 4];
    value.data.y = [0, 5];
    expect(errorsOf(value)).toEqual(['data.isTest: has 1 values for 2 rows', 'data.y: row 1: class 5 is not one of 0..1']);
    value.data.y = [0, 1];
    value.data.isTest = [0, 1];
    value.doc.nodes[1].features = [{ op: 'id', a: 7 }];
    expect(errorsOf(value)).toEqual(['doc.nodes[1].features[0].a: column 7 does not exist (the data has 2 columns)']);
  });

  it('lists at most 20 errors', () => {
    const value = json();
    value.data = { kind: 'table', name: 't', columns: ['a'], x: Array(100).fill('x'), y: [], classes: null, targetColumns: ['y'], isTest: [] };
    const errors = errorsOf(value);
    expect(errors).toHaveLength(21);
    expect(errors[0]).toBe('data.x[0]: expected a number, got "x"');
    expect(errors[20]).toBe('…and 80 more problems');
  });
});

describe('recoverState', () => {
  it('keeps the doc and falls back field by field for settings, data and view', () => {
    const value = json();
    value.settings.learningRate = 'abc';
    value.settings.optimizer = 'adamw';
    delete value.settings.seed;
    value.settings.batchSize = 32;
    value.data = { kind: 'table' };
    value.view = null;
    const { state, warnings } = recoverState(value);
    expect(state!.doc).toEqual(defaultState().doc);
    expect(state!.settings).toEqual({ ...defaultState().settings, batchSize: 32 });
    expect(state!.data).toEqual(defaultState().data);
    expect(state!.view).toEqual(defaultState().view);
    expect(warnings).toEqual([
      'settings.learningRate: expected a number, got "abc"; using the default (0.03)',
      'settings.optimizer: unknown "adamw" (expected one of sgd, momentum, nesterov, rmsprop, adam); using the default (sgd)',
      'settings.seed: missing (expected a number); using the default (1)',
      'data.name: missing (and 6 more problems); using the default data',
      'view: expected an object, got null; using the default view'
    ]);
  });

  it('gives up when the network itself cannot be read', () => {
    const value = json();
    value.doc.edges.push({ id: 'e9', from: 'h2', to: 'h1' });
    expect(recoverState(value)).toEqual({ state: null, warnings: ['doc.edges: the wires form a cycle: h1 → h2 → h1'] });
    expect(recoverState({ ...json(), version: 7 }).state).toBeNull();
    expect(recoverState('x').state).toBeNull();
  });
});

describe('untrusted text and sizes', () => {
  const functionData = (expression: string) => ({ ...json().data, generator: 'function', expression });

  it.each([
    ['<img src=x onerror=alert(1)>', 'unexpected character "<" at 1'],
    ['x)+(window.__xss=8)+(y', 'a lone "." at 11 is not a number'],
    ['constructor.constructor("alert(1)")()', 'a lone "." at 12 is not a number'],
    ['constructor', 'unknown name "constructor" at 1: use x, pi, e or sin, cos, tan, exp, log, sqrt, abs, tanh']
  ])('refuses the data expression %s with the parse error', (expression, error) => {
    const value = { ...json(), data: functionData(expression) };
    expect(errorsOf(value)[0]).toBe(`data.expression: the function ${JSON.stringify(expression)} does not parse: ${error}`);
    // A link keeps the network and falls back to the default data, saying why.
    const recovered = recoverState(value);
    expect(recovered.state!.data).toEqual(defaultState().data);
    expect(recovered.warnings[0]).toContain('does not parse');
  });

  it('accepts an expression that parses', () => {
    expect(parseState({ ...json(), data: functionData('sin(2*x)') }).ok).toBe(true);
  });

  it('refuses a table over the row limit from its length alone, quickly', () => {
    const rows = 2_000_000;
    const value = json();
    value.data = { kind: 'table', name: 't', columns: ['a'], x: new Array(rows).fill(0), y: new Array(rows).fill(0), classes: null, targetColumns: ['y'], isTest: new Array(rows).fill(0) };
    const started = performance.now();
    expect(errorsOf(value)).toEqual([`data: the table has 2,000,000 rows; the limit is ${MAX_TABLE_ROWS.toLocaleString('en-US')} rows`]);
    expect(recoverState(value).warnings[0]).toBe(`data: the table has 2,000,000 rows; the limit is ${MAX_TABLE_ROWS.toLocaleString('en-US')} rows; using the default data`);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses data values beyond the magnitude limit', () => {
    const value = json();
    value.data = { kind: 'table', name: 't', columns: ['a'], x: [1, 1e308], y: [0, -1e20], classes: null, targetColumns: ['y'], isTest: [0, 0] };
    expect(errorsOf(value)).toEqual([
      'data.x[1]: 1e+308 is beyond the limit of ±1e+15 for data values',
      'data.y[1]: -100000000000000000000 is beyond the limit of ±1e+15 for data values'
    ]);
  });
});
