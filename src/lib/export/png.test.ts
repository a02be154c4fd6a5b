import { describe, expect, it } from 'vitest';
import { layoutRow } from './png';

describe('layoutRow', () => {
  it('places boxes in a row with padding and gaps; the row is as tall as its tallest box', () => {
    const r = layoutRow([{ width: 400, height: 300 }, { width: 200, height: 100 }], { gap: 10, padding: 5 });
    expect(r.placements).toEqual([
      { x: 5, y: 5, width: 400, height: 300 },
      { x: 415, y: 5, width: 200, height: 100 }
    ]);
    expect(r.width).toBe(620);
    expect(r.height).toBe(310);
  });

  it('wraps to a new row past maxWidth, but never leaves a row empty', () => {
    const r = layoutRow([{ width: 500, height: 100 }, { width: 500, height: 50 }, { width: 2000, height: 20 }], {
      gap: 10,
      padding: 0,
      maxWidth: 800
    });
    expect(r.placements.map((p) => [p.x, p.y])).toEqual([
      [0, 0],
      [0, 110],
      [0, 170]
    ]);
    expect(r.width).toBe(2000);
    expect(r.height).toBe(190);
  });

  it('gives a small blank picture for no canvases', () => {
    expect(layoutRow([], { padding: 8 })).toEqual({ width: 16, height: 16, placements: [] });
  });
});
