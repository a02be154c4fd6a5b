// decodeRecord reads what storage hands back: sound records pass untouched, every damaged part is
// dropped or repaired with a sentence, and nothing throws.
import { describe, expect, it } from 'vitest';
import { defaultState } from '../model/defaults';
import { paramCounts } from '../model/spec';
import { decodeRecord } from './decode';
import { curveToColumns } from './curve-columns';

function sound() {
  const state = defaultState();
  const count = paramCounts(state.doc).total;
  return { state, params: new Float32Array(count).fill(0.5), frozen: new Uint8Array(count), history: { past: [], future: [] }, savedAt: 9, revision: 3 };
}

describe('decodeRecord', () => {
  it('passes a sound record through with no warning', () => {
    const raw = sound();
    const { record, warnings } = decodeRecord(raw);
    expect(warnings).toEqual([]);
    expect(record).toEqual(raw);
  });

  it('reads saved progress with its weights, and drops damaged progress with a sentence', () => {
    const curve = [{ epoch: 1, trainLoss: 0.5, testLoss: NaN, trainAccuracy: 0.8, testAccuracy: NaN }];
    const raw = { ...sound(), progress: { step: 40, epoch: 1, curve } };
    expect(decodeRecord(raw)).toEqual({ record: raw, warnings: [] });
    const damaged = decodeRecord({ ...sound(), progress: { step: -3, epoch: 1, curve } });
    expect(damaged.record!.progress).toBeUndefined();
    expect(damaged.record!.params).not.toBeNull();
    expect(damaged.warnings[0]).toMatch(/epoch counter and curves could not be read \(progress\.step: /);
    const noWeights = decodeRecord({ ...sound(), params: null, frozen: null, progress: { step: 40, epoch: 1, curve } });
    expect(noWeights.record!.progress).toBeUndefined();
  });

  it('reads the curve stored as columns, and drops columns it cannot read with a sentence', () => {
    const curve = [{ epoch: 1, trainLoss: 0.5, testLoss: NaN, trainAccuracy: 0.8, testAccuracy: NaN }];
    const stored = { ...sound(), progress: { step: 40, epoch: 1, curveColumns: curveToColumns(curve) } };
    expect(decodeRecord(stored)).toEqual({ record: { ...sound(), progress: { step: 40, epoch: 1, curve } }, warnings: [] });
    const uneven = decodeRecord({ ...sound(), progress: { step: 40, epoch: 1, curveColumns: { ...curveToColumns(curve), epoch: new Float64Array(3) } } });
    expect(uneven.record!.progress).toBeUndefined();
    expect(uneven.warnings[0]).toMatch(/epoch counter and curves could not be read \(the curve's trainLoss column has 1 values, not 3\)/);
    // The values are checked like any curve's: an epoch that is not a count is refused.
    const badEpoch = decodeRecord({ ...sound(), progress: { step: 40, epoch: 1, curveColumns: curveToColumns([{ ...curve[0], epoch: -2 }]) } });
    expect(badEpoch.record!.progress).toBeUndefined();
    expect(badEpoch.warnings[0]).toMatch(/epoch counter and curves could not be read/);
  });

  it.each([
    ['a number', 42],
    ['an array', [1, 2]],
    ['null', null],
    ['a state that is a string', { ...sound(), state: 'x' }]
  ])('refuses %s with a sentence, never throwing', (_name, raw) => {
    const { record, warnings } = decodeRecord(raw, 'The save “x”');
    expect(record).toBeNull();
    expect(warnings[0]).toMatch(/^The save “x” could not be read/);
  });

  it('drops weights of the wrong kind, frozen marks of the wrong length, and a history that undo could not apply', () => {
    const wrongKind = decodeRecord({ ...sound(), params: [1, 2, 3] });
    expect(wrongKind.record!.params).toBeNull();
    expect(wrongKind.warnings.join(' ')).toMatch(/weights were unusable/);

    const shortFrozen = decodeRecord({ ...sound(), frozen: new Uint8Array(1) });
    expect(shortFrozen.record!.params).not.toBeNull();
    expect(shortFrozen.record!.frozen).toBeNull();

    const moves = decodeRecord({ ...sound(), history: { past: [{ forward: { type: 'moveNodes', moves: [{ id: 'a', x: NaN, y: 0 }] }, inverse: { type: 'moveNodes', moves: [] } }], future: [] } });
    expect(moves.record!.history).toEqual({ past: [], future: [] });
    expect(moves.warnings.join(' ')).toMatch(/undo history could not be read/);

    const good = { forward: { type: 'batch', changes: [{ type: 'removeEdge', id: 'e' }] }, inverse: { type: 'removeNode', id: 'n' }, gesture: 'g' };
    expect(decodeRecord({ ...sound(), history: { past: [good], future: [] } }).warnings).toEqual([]);
  });

  it('treats a missing or odd revision and time as 0', () => {
    const { record } = decodeRecord({ ...sound(), revision: -1, savedAt: 'soon' });
    expect(record!.revision).toBe(0);
    expect(record!.savedAt).toBe(0);
  });
});
