import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binaryCounts, classificationReport, confusionMatrix, regressionReport, rowNormalise } from './metrics';

interface Reference {
  classification_metrics_example: {
    confusion: { TN: number; FP: number; FN: number; TP: number };
    precision: number;
    recall: number;
    accuracy: number;
  };
}
const reference = JSON.parse(
  readFileSync(new URL('./__fixtures__/course/reference.json', import.meta.url), 'utf8')
) as Reference;

describe('confusionMatrix', () => {
  it('counts row = true class, column = predicted class', () => {
    const m = confusionMatrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], 3);
    expect(Array.from(m)).toEqual([1, 1, 0, 0, 1, 0, 1, 0, 2]);
  });

  it('accepts typed arrays (float labels from the data table)', () => {
    const m = confusionMatrix(new Float32Array([1, 1, 0]), new Uint8Array([1, 0, 0]), 2);
    expect(Array.from(m)).toEqual([1, 0, 1, 1]);
  });

  it('refuses labels outside the class range and mismatched lengths', () => {
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(RangeError);
    expect(() => confusionMatrix([0, -1], [0, 1], 3)).toThrow(RangeError);
    expect(() => confusionMatrix([0, 0.5], [0, 1], 3)).toThrow(RangeError);
    expect(() => confusionMatrix([0, 1], [0], 3)).toThrow(RangeError);
  });
});

describe('classificationReport', () => {
  it("reproduces the course's fraud example", () => {
    const ex = reference.classification_metrics_example;
    const { TN, FP, FN, TP } = ex.confusion;
    const confusion = new Int32Array([TN, FP, FN, TP]);
    expect(binaryCounts(confusion)).toEqual({ TN: 90, FP: 3, FN: 5, TP: 2 });
    const report = classificationReport(confusion, 2);
    expect(report.accuracy).toBeCloseTo(ex.accuracy, 12);
    expect(report.perClass[1].precision).toBeCloseTo(ex.precision, 12);
    expect(Number(report.perClass[1].recall.toFixed(4))).toBe(ex.recall);
    expect(report.perClass[1].support).toBe(7);
    expect(report.perClass[0].support).toBe(93);
    // negative class: precision 90/95, recall 90/93
    expect(report.perClass[0].precision).toBeCloseTo(90 / 95, 12);
    expect(report.perClass[0].recall).toBeCloseTo(90 / 93, 12);
    // F1 of the positive class = 2PR/(P+R) = 2·0.4·(2/7) / (0.4 + 2/7) = 1/3
    expect(report.perClass[1].f1).toBeCloseTo(1 / 3, 12);
  });

  it('matches a hand-computed 3-class case, macro averages included', () => {
    // rows (true): [5 1 0] [2 3 1] [0 2 4]; column sums 7 6 5; diagonal 5 3 4
    const confusion = new Int32Array([5, 1, 0, 2, 3, 1, 0, 2, 4]);
    const r = classificationReport(confusion, 3);
    expect(r.accuracy).toBeCloseTo(12 / 18, 12);
    const precision = [5 / 7, 3 / 6, 4 / 5];
    const recall = [5 / 6, 3 / 6, 4 / 6];
    const f1 = [10 / 13, 1 / 2, 8 / 11];
    for (let c = 0; c < 3; c++) {
      expect(r.perClass[c].precision).toBeCloseTo(precision[c], 12);
      expect(r.perClass[c].recall).toBeCloseTo(recall[c], 12);
      expect(r.perClass[c].f1).toBeCloseTo(f1[c], 12);
      expect(r.perClass[c].support).toBe(6);
    }
    expect(r.macro.precision).toBeCloseTo((5 / 7 + 0.5 + 0.8) / 3, 12);
    expect(r.macro.recall).toBeCloseTo(2 / 3, 12);
    expect(r.macro.f1).toBeCloseTo((10 / 13 + 0.5 + 8 / 11) / 3, 12);
  });

  it('reports 0 for every 0/0 (zero_division=0)', () => {
    // class 2 never occurs and is never predicted; class 1 occurs but is never predicted
    const confusion = new Int32Array([3, 0, 0, 2, 0, 0, 0, 0, 0]);
    const r = classificationReport(confusion, 3);
    expect(r.perClass[1]).toEqual({ precision: 0, recall: 0, f1: 0, support: 2 });
    expect(r.perClass[2]).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(r.perClass[0].precision).toBeCloseTo(3 / 5, 12);
    expect(r.perClass[0].recall).toBe(1);
    expect(r.accuracy).toBeCloseTo(3 / 5, 12);
    expect(r.macro.recall).toBeCloseTo(1 / 3, 12);
    for (const v of [r.macro.precision, r.macro.recall, r.macro.f1]) expect(Number.isFinite(v)).toBe(true);
  });

  it('gives accuracy 0 and no NaN for an empty matrix', () => {
    const r = classificationReport(new Int32Array(4), 2);
    expect(r.accuracy).toBe(0);
    expect(r.macro).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('refuses a matrix of the wrong size', () => {
    expect(() => classificationReport(new Int32Array(5), 2)).toThrow(RangeError);
    expect(() => binaryCounts(new Int32Array(9))).toThrow(RangeError);
  });
});

describe('regressionReport', () => {
  it('R² of a perfect fit is 1 and errors are 0', () => {
    const y = [1, 2.5, -3, 4];
    const r = regressionReport(y, y);
    expect(r).toEqual({ mse: 0, rmse: 0, mae: 0, r2: 1 });
  });

  it('R² of predicting the mean is 0', () => {
    const y = [1, 2, 3, 6];
    const r = regressionReport(y, [3, 3, 3, 3]);
    expect(r.r2).toBeCloseTo(0, 12);
    expect(r.mse).toBeCloseTo((4 + 1 + 0 + 9) / 4, 12);
    expect(r.mae).toBeCloseTo((2 + 1 + 0 + 3) / 4, 12);
  });

  it('computes hand values, rmse = sqrt(mse), and a negative R² for a worse-than-mean fit', () => {
    const yTrue = new Float32Array([2, 4, 6]);
    const yPred = new Float32Array([3, 3, 9]);
    const r = regressionReport(yTrue, yPred);
    // errors -1, 1, -3: SS_res 11, SS_tot 8
    expect(r.mse).toBeCloseTo(11 / 3, 6);
    expect(r.rmse).toBeCloseTo(Math.sqrt(11 / 3), 6);
    expect(r.rmse).toBe(Math.sqrt(r.mse));
    expect(r.mae).toBeCloseTo(5 / 3, 6);
    expect(r.r2).toBeCloseTo(1 - 11 / 8, 6);
  });

  it('stays finite for constant targets', () => {
    expect(regressionReport([2, 2, 2], [2, 2, 2]).r2).toBe(1);
    expect(regressionReport([2, 2, 2], [1, 2, 3]).r2).toBe(0);
    expect(regressionReport([], [])).toEqual({ mse: 0, rmse: 0, mae: 0, r2: 0 });
  });

  it('refuses mismatched lengths', () => {
    expect(() => regressionReport([1, 2], [1])).toThrow(RangeError);
  });
});

describe('rowNormalise', () => {
  it('divides each row by its sum and leaves empty rows at 0', () => {
    const m = rowNormalise(new Int32Array([3, 1, 0, 0, 0, 0, 2, 2, 4]), 3);
    const expected = [0.75, 0.25, 0, 0, 0, 0, 0.25, 0.25, 0.5];
    for (let i = 0; i < 9; i++) expect(m[i]).toBeCloseTo(expected[i], 12);
  });
});
