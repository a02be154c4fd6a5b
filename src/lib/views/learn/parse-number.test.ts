import { describe, expect, it } from 'vitest';
import { parseNumber } from './parse-number';

describe('parseNumber', () => {
  const lr = { min: 0, max: 2, minExclusive: true };
  it('accepts numbers in range, including exponent and unicode minus forms', () => {
    expect(parseNumber('0.1', lr)).toEqual({ ok: true, value: 0.1 });
    expect(parseNumber(' 1e-2 ', lr)).toEqual({ ok: true, value: 0.01 });
    expect(parseNumber('.5', lr)).toEqual({ ok: true, value: 0.5 });
    expect(parseNumber('−0.5', { min: -3, max: 3 })).toEqual({ ok: true, value: -0.5 });
    expect(parseNumber('2', lr)).toEqual({ ok: true, value: 2 });
  });
  it('refuses text that is not entirely a number', () => {
    for (const bad of ['', ' ', 'abc', '1.5abc', '1e', '--1', 'NaN', 'Infinity']) {
      const r = parseNumber(bad, lr);
      expect(r.ok).toBe(false);
    }
  });
  it('refuses values out of range, with the range in the hint', () => {
    expect(parseNumber('0', lr)).toEqual({ ok: false, hint: 'Between just above 0 and 2' });
    expect(parseNumber('2.5', lr)).toEqual({ ok: false, hint: 'Between just above 0 and 2' });
    expect(parseNumber('-4', { min: -3, max: 3 })).toEqual({ ok: false, hint: 'Between -3 and 3' });
    expect(parseNumber('0', { min: 0, max: 0.99 })).toEqual({ ok: true, value: 0 });
  });
});
