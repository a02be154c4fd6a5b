import { describe, expect, it } from 'vitest';
import { classificationReport } from '../../../../workers/engine';
import { formatCount, formatDelta, formatFixed, formatPercent, formatValue } from './format';

describe('formatPercent', () => {
  it("shows the course's fraud example as precision 40% and recall 29%", () => {
    // TN 90, FP 3, FN 5, TP 2 — row = true class, column = predicted, class 1 = fraud
    const confusion = Int32Array.from([90, 3, 5, 2]);
    const report = classificationReport(confusion, 2);
    expect(formatPercent(report.perClass[1].precision)).toBe('40%');
    expect(formatPercent(report.perClass[1].recall)).toBe('29%');
    expect(formatPercent(report.accuracy)).toBe('92%');
  });

  it('keeps decimals on request and marks missing values', () => {
    expect(formatPercent(2 / 7, 1)).toBe('28.6%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(Number.NaN)).toBe('—');
  });
});

describe('formatCount', () => {
  it('groups thousands like Keras summaries', () => {
    expect(formatCount(22)).toBe('22');
    expect(formatCount(337)).toBe('337');
    expect(formatCount(407050)).toBe('407,050');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(-1000)).toBe('-1,000');
    expect(formatCount(0)).toBe('0');
  });
});

describe('formatValue', () => {
  it('keeps significant digits and trims trailing zeros', () => {
    expect(formatValue(1.898721)).toBe('1.899');
    expect(formatValue(0.5)).toBe('0.5');
    expect(formatValue(144.4662, 5)).toBe('144.47');
    expect(formatValue(0)).toBe('0');
  });
  it('switches to exponent notation for extreme magnitudes', () => {
    expect(formatValue(1.5e9)).toBe('1.500e+9');
    expect(formatValue(0.00001234)).toBe('1.234e-5');
    expect(formatValue(Infinity)).toBe('∞');
    expect(formatValue(Number.NaN)).toBe('—');
  });
});

describe('formatFixed and formatDelta', () => {
  it('shows the gradient-descent reference values', () => {
    const x = -0.5;
    expect(formatFixed(Math.exp(-x) + x * x, 4)).toBe('1.8987');
    expect(formatFixed(-Math.exp(-x) + 2 * x, 5)).toBe('-2.64872');
  });
  it('drops the sign of a rounded zero', () => {
    expect(formatFixed(-0.000001, 4)).toBe('0.0000');
  });
  it('always signs a change', () => {
    expect(formatDelta(0.0123)).toBe('+0.0123');
    expect(formatDelta(-0.5)).toBe('-0.5');
  });
});
