import { describe, expect, it } from 'vitest';
import { boxAround } from './types';

describe('boxAround', () => {
  it('holds every box, however they lie', () => {
    expect(boxAround([{ x: 10, y: 5, width: 4, height: 4 }, { x: -2, y: 8, width: 3, height: 10 }])).toEqual({ x: -2, y: 5, width: 16, height: 13 });
  });

  it('is the box itself for one, and null for none', () => {
    expect(boxAround([{ x: 1, y: 2, width: 3, height: 4 }])).toEqual({ x: 1, y: 2, width: 3, height: 4 });
    expect(boxAround([])).toBeNull();
  });
});
