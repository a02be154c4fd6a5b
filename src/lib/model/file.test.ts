import { describe, expect, it } from 'vitest';
import { defaultState } from './defaults';
import { MAX_SAVED_CURVE_EPOCHS } from '../limits';
import { exportStateJson, importStateJson } from './file';
import { progressToSave } from './schema';
import type { PlaygroundState } from './playground';

const errorsOf = (text: string): string[] => {
  const result = importStateJson(text);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
};
const fileWith = (patch: Record<string, unknown>) => JSON.stringify({ format: 'axon', version: 1, state: defaultState(), ...patch });

describe('exportStateJson / importStateJson', () => {
  it('round-trips the state and the weights', () => {
    const state = defaultState();
    const params = Array.from({ length: 25 }, (_, i) => i / 7 - 1);
    const frozen = params.map((_, i) => (i === 3 ? 1 : 0));
    const text = exportStateJson(state, { params, frozen });
    expect(text.startsWith('{\n  "format": "axon",\n  "version": 1,')).toBe(true);
    // Lists of numbers stay on one line.
    expect(text).toContain(`"params": ${JSON.stringify(params)}`);
    const result = importStateJson(text);
    expect(result).toEqual({ ok: true, state, weights: { params, frozen } });
  });

  it('round-trips the epoch counter and the curve with the weights (NaN figures through null)', () => {
    const state = defaultState();
    const params = Array.from({ length: 25 }, () => 0.25);
    const frozen = params.map(() => 0);
    const curve = [
      { epoch: 1, trainLoss: 0.6, testLoss: 0.7, trainAccuracy: 0.5, testAccuracy: NaN },
      { epoch: 2, trainLoss: 0.4, testLoss: 0.5, trainAccuracy: 0.75, testAccuracy: NaN, trainR2: NaN, testR2: NaN }
    ];
    const text = exportStateJson(state, { params, frozen }, { step: 20, epoch: 2, curve });
    expect(importStateJson(text)).toEqual({ ok: true, state, weights: { params, frozen }, progress: { step: 20, epoch: 2, curve } });
    // Without weights there is nothing the counters describe: they are not written.
    expect(exportStateJson(state, undefined, { step: 20, epoch: 2, curve })).not.toContain('progress');
  });

  it('refuses damaged progress and a curve over MAX_SAVED_CURVE_EPOCHS, naming the path', () => {
    const weights = { params: Array(25).fill(0), frozen: Array(25).fill(0) };
    const record = { epoch: 1, trainLoss: 1, testLoss: 1, trainAccuracy: 0.5, testAccuracy: 0.5 };
    expect(errorsOf(fileWith({ weights, progress: { step: 1.5, epoch: 0, curve: [] } }))[0]).toMatch(/^progress\.step: /);
    expect(errorsOf(fileWith({ weights, progress: { step: 1, epoch: 0, curve: [{ ...record, trainLoss: 'low' }] } }))[0]).toMatch(
      /^progress\.curve\[0\]\.trainLoss: expected a number or null, got "low"/
    );
    const long = Array.from({ length: MAX_SAVED_CURVE_EPOCHS + 1 }, (_, i) => ({ ...record, epoch: i + 1 }));
    expect(errorsOf(fileWith({ weights, progress: { step: 1, epoch: 1, curve: long } }))[0]).toMatch(/^progress\.curve: too long: at most 10000 items/);
    expect(progressToSave(5, 9, long).curve).toEqual(long.slice(1));
  });

  it('round-trips a table data set without weights', () => {
    const state: PlaygroundState = {
      ...defaultState(),
      data: { kind: 'table', name: 'iris', columns: ['a', 'b'], x: [1, 2, 3, 4], y: [0, 2], classes: ['s', 'v', 'g'], targetColumns: [], isTest: [0, 1] }
    };
    expect(importStateJson(exportStateJson(state))).toEqual({ ok: true, state });
  });

  it.each([
    ['empty text', '', 'The file is empty.'],
    ['only spaces', '   \n', 'The file is empty.'],
    ['not JSON', 'hello', 'The file is not valid JSON: unexpected "h" at line 1, column 1.'],
    ['a trailing comma', '{\n  "format": "axon",\n}', 'The file is not valid JSON: unexpected "}" at line 3, column 1.'],
    ['cut short', '{"format": "axon", "state": {"doc"', 'The file is not valid JSON: unexpected the end of the text at line 1, column 35.'],
    ['null', 'null', 'This is not an Axon file: it holds null, not an object with "format": "axon".'],
    ['an array', '[1, 2]', 'This is not an Axon file: it holds a list, not an object with "format": "axon".'],
    ['a number', '3', 'This is not an Axon file: it holds 3, not an object with "format": "axon".'],
    ['no format', '{"version": 1}', 'This is not an Axon file: it has no "format": "axon".'],
    ['wrong format', '{"format": "keras"}', 'This is not an Axon file (format is "keras").'],
    ['newer version', fileWith({ version: 3 }), 'This file was made by a newer Axon (version 3); this one reads version 1.'],
    ['version 0', fileWith({ version: 0 }), 'version: expected a whole number from 1, got 0'],
    ['version "1"', fileWith({ version: '1' }), 'version: expected a whole number from 1, got "1"'],
    ['no state', fileWith({ state: undefined }), 'state: missing (the file holds no playground)'],
    ['state null', fileWith({ state: null }), 'expected the playground as an object, got null'],
    ['weights of the wrong length', fileWith({ weights: { params: [1, 2], frozen: [0, 0] } }), 'weights.params: 2 values, but the network has 25 parameters'],
    ['weights with a string', fileWith({ weights: { params: ['x'], frozen: [0] } }), 'weights.params[0]: expected a number, got "x"'],
    ['frozen flags not 0/1', fileWith({ weights: { params: Array(25).fill(0), frozen: Array(25).fill(2) } }), 'weights.frozen[0]: expected 0 or 1, got 2']
  ])('%s gives a message', (_name, text, message) => {
    expect(errorsOf(text)).toContain(message);
  });

  it('names the path of schema errors inside the state', () => {
    const state = JSON.parse(JSON.stringify(defaultState()));
    state.doc.nodes[3].activation = 'relux';
    expect(errorsOf(fileWith({ state }))[0]).toMatch(/^doc\.nodes\[3\]\.activation: unknown "relux" \(expected one of linear, step, sigmoid/);
  });

  it('does not throw on random bytes or a huge string', () => {
    let seed = 7;
    for (let n = 0; n < 200; n++) {
      const chars = Array.from({ length: 1 + (n % 50) }, () => String.fromCharCode((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256));
      expect(importStateJson(chars.join('')).ok).toBe(false);
    }
    const huge = '{"format":"axon","version":1,"state":' + '['.repeat(50_000) + ']'.repeat(50_000) + '}';
    expect(errorsOf(huge)).toEqual(['expected the playground as an object, got a list']);
  });
});
