import { describe, expect, it } from 'vitest';
import type { EpochRecord } from '../../../workers/protocol';
import { overlayColumns } from './overlay';

const rec = (epoch: number, trainLoss: number, testLoss = NaN): EpochRecord => ({ epoch, trainLoss, testLoss, trainAccuracy: NaN, testAccuracy: NaN });

describe('overlayColumns', () => {
  it('lines both runs up by epoch, with gaps where one has not got there', () => {
    const a = [rec(1, 0.9), rec(2, 0.8), rec(3, 0.7)];
    const b = [rec(1, 0.5), rec(2, 0.4)];
    expect(overlayColumns(a, b, 'trainLoss')).toEqual([[1, 2, 3], [0.9, 0.8, 0.7], [0.5, 0.4, null]]);
  });

  it('reads the chosen measure and turns non-finite values into gaps', () => {
    const a = [rec(1, 0.9, 1.1)];
    const b = [rec(1, 0.5, NaN), rec(2, 0.4, 0.6)];
    expect(overlayColumns(a, b, 'testLoss')).toEqual([[1, 2], [1.1, null], [null, 0.6]]);
  });
});
