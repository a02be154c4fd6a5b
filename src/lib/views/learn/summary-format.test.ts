import { describe, expect, it } from 'vitest';
import { buildStack } from '../../model/build';
import { modelSummary } from '../../model/summary';
import { formatCount } from './format';

const id = (a: number) => ({ op: 'id' as const, a });

describe("the model summary's totals as the panel prints them", () => {
  it("shows the course's models as 22, 337 and 407,050 parameters", () => {
    const small = buildStack({
      inputs: [{ label: 'x', features: [id(0), id(1)] }],
      hidden: [{ units: 4, activation: 'relu' }],
      output: { units: 2, activation: 'relu' }
    });
    const medium = buildStack({
      inputs: [{ label: 'x', features: [id(0), id(1)] }],
      hidden: [
        { units: 16, activation: 'relu' },
        { units: 16, activation: 'relu' }
      ],
      output: { units: 1, activation: 'sigmoid' }
    });
    const mnist = buildStack({
      inputs: [{ label: 'pixels', features: Array.from({ length: 784 }, (_, k) => id(k)) }],
      hidden: [{ units: 512, activation: 'relu' }],
      output: { units: 10, activation: 'softmax' }
    });
    expect(formatCount(modelSummary(small).total)).toBe('22');
    expect(formatCount(modelSummary(medium).total)).toBe('337');
    const s = modelSummary(mnist, 10);
    expect(formatCount(s.total)).toBe('407,050');
    expect(formatCount(s.trainable)).toBe('407,040');
    expect(formatCount(s.rows[1].params)).toBe('401,920');
  });
});
