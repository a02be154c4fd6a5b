import { describe, expect, it } from 'vitest';
import { yAxisWidth } from './chart-axis';

/** Widths of a 12 px system font: digits about 6.7 px, "%" about 10.7 px. */
const measure = (text: string) => [...text].reduce((w, c) => w + (c === '%' ? 10.7 : 6.7), 0);

describe('yAxisWidth', () => {
  it('leaves room for "100%" whole: tick and gap (15 px) plus the label plus spare', () => {
    const width = yAxisWidth(['0%', '50%', '100%'], measure);
    expect(width).toBeGreaterThanOrEqual(15 + measure('100%'));
    expect(width).toBe(Math.ceil(15 + measure('100%') + 6));
  });

  it('grows with the widest label and never goes below 40 px', () => {
    expect(yAxisWidth(['0', '1'], measure)).toBe(40);
    expect(yAxisWidth(null, measure)).toBe(40);
    expect(yAxisWidth(['10000', null, '20000'], measure)).toBe(Math.ceil(15 + 5 * 6.7 + 6));
  });
});
