import { describe, expect, it } from 'vitest';
import { diverging, divergingHex, fillHeatmapRGBA, fillHeatmapTileRGBA, tileSize, tileStep } from './heatmap';

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

describe('neuron tiles', () => {
  it('keeps small grids and halves a 64-point grid to 32', () => {
    expect(tileStep(16)).toBe(1);
    expect(tileSize(16)).toBe(16);
    expect(tileStep(64)).toBe(2);
    expect(tileSize(64)).toBe(32);
    expect(tileStep(100)).toBe(4);
    expect(tileSize(100)).toBe(25);
  });
  it('averages step × step blocks, reading only its own unit', () => {
    // a 4 × 4 grid after 16 values of another unit; blocks of 2 × 2 average to -1, 0, 1 and 0.5
    const grid = [-1, -1, -1, 1, -1, -1, 1, -1, 1, 1, 0.5, 0.5, 1, 1, 0.5, 0.5];
    const values = new Float32Array([...new Array(16).fill(9), ...grid]);
    const out = new Uint8ClampedArray(2 * 2 * 4);
    fillHeatmapTileRGBA(values, 16, 4, 2, out);
    const expected = [diverging(-1), diverging(0), diverging(1), diverging(0.5)];
    for (let p = 0; p < 4; p++) {
      for (let c = 0; c < 3; c++) expect(Math.abs(out[p * 4 + c] - expected[p][c])).toBeLessThanOrEqual(1);
      expect(out[p * 4 + 3]).toBe(255);
    }
  });
  it('with step 1 paints exactly what fillHeatmapRGBA paints', () => {
    const values = new Float32Array(64).map((_, k) => Math.sin(k) * 1.3);
    const a = new Uint8ClampedArray(64 * 4);
    const b = new Uint8ClampedArray(64 * 4);
    fillHeatmapRGBA(values, 0, 8, a, 2);
    fillHeatmapTileRGBA(values, 0, 8, 1, b, 2);
    expect(Array.from(b)).toEqual(Array.from(a));
  });
  it('returns the same hash for the same colours and a different one when a pixel changes', () => {
    const out = new Uint8ClampedArray(4 * 4);
    const values = new Float32Array([0.1, 0.2, 0.3, 0.4]);
    const first = fillHeatmapTileRGBA(values, 0, 2, 1, out);
    // a change far below one colour level paints the same colours
    expect(fillHeatmapTileRGBA(new Float32Array([0.1, 0.2, 0.3, 0.4000001]), 0, 2, 1, out)).toBe(first);
    expect(fillHeatmapTileRGBA(new Float32Array([0.1, 0.2, 0.3, 0.6]), 0, 2, 1, out)).not.toBe(first);
  });
});
