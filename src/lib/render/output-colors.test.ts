import { describe, expect, it } from 'vitest';
import { centreValue, classRGB, fillOutputRGBA } from './output-colors';
import { NEGATIVE_RGB, POSITIVE_RGB } from './heatmap';

describe('centreValue', () => {
  it('centres probabilities on 0.5 and regression on the middle of the target range', () => {
    expect(centreValue(0.5, 'sigmoid', null)).toBe(0);
    expect(centreValue(1, 'softmax', null)).toBe(1);
    expect(centreValue(-0.3, 'tanh', null)).toBe(-0.3);
    expect(centreValue(150, 'linear', [100, 200])).toBe(0);
    expect(centreValue(200, 'linear', [100, 200])).toBe(1);
  });
});

describe('fillOutputRGBA', () => {
  it('paints a confident binary output in the class colours and an unsure one near white', () => {
    // 2×2 grid, one sigmoid unit: certain class 0, certain class 1, unsure, NaN
    const unitGrids = Float32Array.from([0, 1, 0.5, NaN]);
    const out = new Uint8ClampedArray(16);
    fillOutputRGBA({ unitGrids, unitOffset: 0, units: 1, activation: 'sigmoid', size: 2, targetRange: null }, out);
    const pixel = (k: number) => Array.from(out.slice(k * 4, k * 4 + 3));
    const mix = (rgb: readonly number[], a: number) => rgb.map((c) => Math.round(255 + (c - 255) * a));
    expect(pixel(0)).toEqual(mix(NEGATIVE_RGB, 0.75));
    expect(pixel(1)).toEqual(mix(POSITIVE_RGB, 0.75));
    expect(pixel(2)).toEqual(mix(POSITIVE_RGB, 0.15));
    expect(pixel(3)).toEqual(mix(POSITIVE_RGB, 0.15));
    expect(out[3]).toBe(255);
  });

  it('paints each multi-class point in the colour of its most likely class', () => {
    // 1×1 grid, 3 softmax units after 2 other units: class 2 wins
    const unitGrids = Float32Array.from([9, 9, 0.1, 0.1, 0.8]);
    const out = new Uint8ClampedArray(4);
    fillOutputRGBA({ unitGrids, unitOffset: 2, units: 3, activation: 'softmax', size: 1, targetRange: null }, out);
    const [r, g, b] = classRGB(2);
    const a = 0.15 + 0.6 * ((0.8 - 1 / 3) / (1 - 1 / 3));
    expect(Array.from(out.slice(0, 3))).toEqual([r, g, b].map((c) => Math.round(255 + (c - 255) * a)));
  });
});
