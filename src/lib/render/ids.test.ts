import { describe, expect, it } from 'vitest';
import { linkId, parseLinkId, parseUnitId, unitId } from './ids';
import { bandColor, linkAlpha, linkWidth } from './style';

describe('highlight ids', () => {
  it('round-trips unit and link ids', () => {
    expect(unitId('h1', 2)).toBe('h1:2');
    expect(parseUnitId('h1:2')).toEqual({ group: 'h1', j: 2 });
    expect(linkId('in1', 0, 'h1', 3)).toBe('in1:0->h1:3');
    expect(parseLinkId('in1:0->h1:3')).toEqual({ from: 'in1', i: 0, to: 'h1', j: 3 });
    expect(parseLinkId('nonsense')).toBeNull();
  });
});

describe('link style', () => {
  it('grows with |w| and clamps', () => {
    expect(linkWidth(0)).toBeCloseTo(0.6, 10);
    expect(linkWidth(-1)).toBeCloseTo(2.2, 10);
    expect(linkWidth(100)).toBe(linkWidth(3));
    expect(linkWidth(Number.NaN)).toBe(0.6);
    expect(linkAlpha(0.5)).toBeCloseTo(0.625, 10);
    expect(linkAlpha(-9)).toBe(1);
  });
  it('darkens bands with mean |w|', () => {
    expect(bandColor(0)).toBe(0xcbd5e1);
    expect(bandColor(0.5)).toBe(0x475569);
    expect(bandColor(5)).toBe(0x475569);
  });
});
