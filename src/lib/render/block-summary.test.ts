import { describe, expect, it } from 'vitest';
import { BLOCK_SHOWN, blockCaption, shownUnits } from './block-summary';
import { MAX_STACKED_UNITS } from '../model/geometry';

describe('block summary', () => {
  it('a stacked group shows every unit; a block only its first few, and none without a plane', () => {
    expect(shownUnits({ units: MAX_STACKED_UNITS }, 64)).toBe(MAX_STACKED_UNITS);
    expect(shownUnits({ units: 500 }, 64)).toBe(BLOCK_SHOWN);
    expect(shownUnits({ units: 784 }, 0)).toBe(0);
  });

  it('says how many units are not drawn', () => {
    expect(blockCaption(500, 4)).toBe('500 units\nfirst 4 shown\n+496 more');
    expect(blockCaption(784, 0)).toBe('784\nunits');
  });
});
