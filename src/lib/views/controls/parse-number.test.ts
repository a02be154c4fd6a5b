import { describe, expect, it } from 'vitest';
import { parseNumber } from './parse-number';

describe('parseNumber', () => {
  it('accepts plain decimals and exponents', () => {
    expect(parseNumber('0.03')).toEqual({ ok: true, value: 0.03 });
    expect(parseNumber(' 1e-3 ')).toEqual({ ok: true, value: 0.001 });
    expect(parseNumber('-2')).toEqual({ ok: true, value: -2 });
    expect(parseNumber('−0.5')).toEqual({ ok: true, value: -0.5 });
  });

  it.each([
    ['', 'Type a number.'],
    ['abc', '“abc” is not a number.'],
    ['0x10', '“0x10” is not a number.'],
    ['1,5', '“1,5” is not a number.'],
    ['1e999', 'That number is too large.']
  ])('refuses %j with a hint', (text, hint) => {
    expect(parseNumber(text)).toEqual({ ok: false, hint });
  });

  it('applies the rule: range, exclusive minimum, whole numbers', () => {
    expect(parseNumber('0', { min: 0, exclusiveMin: true })).toEqual({ ok: false, hint: 'Must be greater than 0.' });
    expect(parseNumber('11', { max: 10 })).toEqual({ ok: false, hint: 'Must be at most 10.' });
    expect(parseNumber('-1', { min: 0 })).toEqual({ ok: false, hint: 'Must be at least 0.' });
    expect(parseNumber('2.5', { integer: true })).toEqual({ ok: false, hint: 'Use a whole number.' });
    expect(parseNumber('10', { min: 1, max: 10, integer: true })).toEqual({ ok: true, value: 10 });
  });
});
