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
    // (the first four values belong to another unit and must not be read)
    const out = new Uint8ClampedArray(size * size * 4);
    fillHeatmapRGBA(values, 4, size, out);
    expect(Array.from(out.slice(0, 4))).toEqual([0xf5, 0x93, 0x22, 255]);
    expect(Array.from(out.slice(4, 8))).toEqual([255, 255, 255, 255]);
    expect(Array.from(out.slice(8, 12))).toEqual([0x08, 0x77, 0xbd, 255]);
    const half = diverging(0.5);
    for (let c = 0; c < 3; c++) expect(Math.abs(out[12 + c] - half[c])).toBeLessThanOrEqual(1);
    expect(out[15]).toBe(255);
  });
  it('matches diverging() within one level everywhere, honours the range, and paints NaN white', () => {
    const values = new Float32Array(201).map((_, k) => (k - 100) / 50);
    const out = new Uint8ClampedArray(values.length * 4);
    fillHeatmapRGBA(values, 0, 1, out); // size 1: one pixel
    fillHeatmapRGBA(values, 0, Math.sqrt(196), out); // 14 × 14 = 196 pixels
    for (let k = 0; k < 196; k++) {
      const c = diverging(values[k]);
      for (let ch = 0; ch < 3; ch++) expect(Math.abs(out[k * 4 + ch] - c[ch])).toBeLessThanOrEqual(1);
    }
    const two = new Uint8ClampedArray(4);
    fillHeatmapRGBA(new Float32Array([1]), 0, 1, two, 2);
    for (let ch = 0; ch < 3; ch++) expect(Math.abs(two[ch] - diverging(0.5)[ch])).toBeLessThanOrEqual(1);
    fillHeatmapRGBA(new Float32Array([Number.NaN]), 0, 1, two);
    expect(Array.from(two)).toEqual([255, 255, 255, 255]);
  });
});
