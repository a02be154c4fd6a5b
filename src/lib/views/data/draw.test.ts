import { describe, expect, it } from 'vitest';
import { classColour, valueColour } from './draw';

describe('data colours', () => {
  it('uses the reference tool’s orange and blue for classes A and B', () => {
    expect(classColour(0)).toBe('#f59322');
    expect(classColour(1)).toBe('#0877bd');
    expect(classColour(5)).toBe('#f59322');
  });

  it('maps regression values orange → grey → blue, clamped and NaN-safe', () => {
    expect(valueColour(-1)).toBe('rgb(245, 147, 34)');
    expect(valueColour(0)).toBe('rgb(232, 234, 235)');
    expect(valueColour(1)).toBe('rgb(8, 119, 189)');
    expect(valueColour(7)).toBe(valueColour(1));
    expect(valueColour(Number.NaN)).toBe(valueColour(0));
  });
});
