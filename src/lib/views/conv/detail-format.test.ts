import { describe, expect, it } from 'vitest';
import { fmt } from './detail-format';

describe('fmt', () => {
  it('shows three significant figures with a real minus sign', () => {
    expect(fmt(0)).toBe('0');
    expect(fmt(0.123456)).toBe('0.123');
    expect(fmt(-1.5)).toBe('−1.5');
    expect(fmt(250.4)).toBe('250');
    expect(fmt(2)).toBe('2');
    expect(fmt(Number.NaN)).toBe('NaN');
  });
});
