import { describe, expect, it } from 'vitest';
import { diverging, divergingHex, fillHeatmapRGBA } from './heatmap';

describe('diverging colour scale', () => {
  it('is white at zero, orange at -1, blue at +1', () => {
    expect(diverging(0)).toEqual([255, 255, 255]);
    expect(diverging(-1)).toEqual([0xf5, 0x93, 0x22]);
    expect(diverging(1)).toEqual([0x08, 0x77, 0xbd]);
  });
  it('clamps beyond the range and treats NaN as zero', () => {
    expect(diverging(7)).toEqual(diverging(1));
    expect(diverging(-3)).toEqual(diverging(-1));
    expect(diverging(Number.NaN)).toEqual([255, 255, 255]);
  });
  it('interpolates halfway and honours the range', () => {
    expect(diverging(0.5)).toEqual([Math.round(255 + (8 - 255) * 0.5), Math.round(255 + (0x77 - 255) * 0.5), Math.round(255 + (0xbd - 255) * 0.5)]);
    expect(diverging(2, 4)).toEqual(diverging(0.5));
    expect(divergingHex(1)).toBe(0x0877bd);
  });
});

describe('fillHeatmapRGBA', () => {
  it('paints one unit of a unit-major grid buffer', () => {
    const size = 2;
    const values = new Float32Array([9, 9, 9, 9, -1, 0, 1, 0.5]);
    const out = new Uint8ClampedArray(size * size * 4);
    fillHeatmapRGBA(values, 4, size, out);
    expect(Array.from(out.slice(0, 4))).toEqual([0xf5, 0x93, 0x22, 255]);
    expect(Array.from(out.slice(4, 8))).toEqual([255, 255, 255, 255]);
    expect(Array.from(out.slice(8, 12))).toEqual([0x08, 0x77, 0xbd, 255]);
    expect(Array.from(out.slice(12, 16))).toEqual([...diverging(0.5), 255]);
  });
});
