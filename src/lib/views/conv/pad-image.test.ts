import { describe, expect, it } from 'vitest';
import { padToInput } from './pad-image';

/** A size × size pad with a filled rectangle of ink. */
function pad(size: number, x0: number, y0: number, x1: number, y1: number): Float32Array {
  const src = new Float32Array(size * size);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) src[y * size + x] = 1;
  return src;
}

function inkBox(img: Float32Array, side: number) {
  let x0 = side, y0 = side, x1 = -1, y1 = -1;
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++)
      if (img[y * side + x] > 0.5) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
  return { x0, y0, x1, y1 };
}

describe('padToInput', () => {
  it('fits a small stroke in a corner into the central 20×20 box, centred', () => {
    const img = padToInput(pad(168, 5, 10, 25, 70), 168, 28);
    const box = inkBox(img, 28);
    expect(box.y1 - box.y0 + 1).toBe(20);
    expect(box.x1 - box.x0 + 1).toBe(7);
    // centred: equal margins within a pixel
    expect(Math.abs(box.y0 - (27 - box.y1))).toBeLessThanOrEqual(1);
    expect(Math.abs(box.x0 - (27 - box.x1))).toBeLessThanOrEqual(1);
  });

  it('gives the same input wherever the same shape is drawn', () => {
    const a = padToInput(pad(168, 10, 10, 60, 60), 168, 24);
    const b = padToInput(pad(168, 100, 90, 150, 140), 168, 24);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('keeps an empty pad empty', () => {
    expect(padToInput(new Float32Array(168 * 168), 168, 28).every((v) => v === 0)).toBe(true);
  });
});
