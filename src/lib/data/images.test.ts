import { describe, expect, it } from 'vitest';
import type { DataTable } from '../../../workers/protocol';
import { cell, copyRow, greyRgba, imageShapeOf, pixelTable, rowRgba } from './images';

const bytes = Uint8Array.from([0, 51, 102, 255, 255, 0, 0, 0]);
const pixels = pixelTable({ count: 2, columns: ['a', 'b', 'c', 'd'], bytes, scale: 1 / 255, y: new Float32Array(2), classes: ['x', 'y'], targetColumns: [], isTest: new Uint8Array(2) });
const floats: DataTable = { ...pixels, x: Float32Array.from([0, 0.2, 0.4, 1, 1, 0, 0, 0]), pixels: undefined, pixelScale: undefined };

describe('image tables', () => {
  it('reads bytes × scale and floats alike', () => {
    expect(pixels.x.length).toBe(0);
    for (let i = 0; i < 8; i++) expect(cell(pixels, i)).toBeCloseTo(cell(floats, i), 6);
    const a = new Float32Array(6);
    const b = new Float32Array(6);
    copyRow(pixels, 1, a, 2);
    copyRow(floats, 1, b, 2);
    expect(Array.from(a)).toEqual([0, 0, 1, 0, 0, 0]);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('knows a square grey byte table as an image, nothing else', () => {
    expect(imageShapeOf(pixels)).toEqual({ height: 2, width: 2, channels: 1 });
    expect(imageShapeOf(floats)).toBeNull();
    expect(imageShapeOf({ pixels: bytes, columns: ['a', 'b', 'c'] })).toBeNull();
  });

  it('paints grey values as white on black, clamped', () => {
    expect(Array.from(greyRgba([-1, 0.5, 2]))).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
    expect(Array.from(rowRgba(pixels, 0).slice(4, 8))).toEqual([51, 51, 51, 255]);
  });
});
