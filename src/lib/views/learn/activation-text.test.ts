import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from '../../../../workers/engine';
import { ACTIVATION_TEXT } from './activation-text';

describe('ACTIVATION_TEXT', () => {
  it('names and explains every activation of the registry', () => {
    for (const act of ACTIVATIONS) {
      expect(ACTIVATION_TEXT[act].name.length, act).toBeGreaterThan(2);
      expect(ACTIVATION_TEXT[act].formula.length, act).toBeGreaterThan(5);
    }
    expect(Object.keys(ACTIVATION_TEXT)).toEqual(ACTIVATIONS);
  });

  it('says what the softmax plot shows (σ of the first logit) and the leak of leaky ReLU', () => {
    expect(ACTIVATION_TEXT.softmax.formula).toMatch(/σ\(x\)/);
    expect(ACTIVATION_TEXT.leaky_relu.formula).toContain('0.01·x');
  });
});
