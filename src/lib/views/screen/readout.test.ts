import { describe, expect, it } from 'vitest';
import { readout } from './readout';

const record = { epoch: 3, trainLoss: 0.25, testLoss: NaN, trainAccuracy: 0.9, testAccuracy: NaN, trainR2: NaN, testR2: NaN };

describe('readout', () => {
  it('says "no test set" instead of NaN, and takes the accuracy from the training set then', () => {
    expect(readout(record, 'classification', false)).toMatchObject({ loss: 'loss train 0.250 · no test set', accuracy: '90.0%', warning: null });
  });
  it('shows both losses and the test accuracy when there is a test set', () => {
    const r = readout({ ...record, testLoss: 0.5, testAccuracy: 0.8 }, 'classification', true);
    expect([r.loss, r.accuracy]).toEqual(['loss train 0.250 · test 0.500', '80.0%']);
  });
  it('has no accuracy for regression, and warns about a negative loss', () => {
    const r = readout({ ...record, trainLoss: -2.01 }, 'regression', false);
    expect(r.accuracy).toBeNull();
    expect(r.warning).toMatch(/below zero/);
  });
});
