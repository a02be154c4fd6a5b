/**
 * Evaluation metrics: confusion matrix, precision/recall/F1 (per class and macro), MSE/RMSE/MAE/R².
 * Pure functions on plain arrays, shared by the engine and the page's metric panels.
 *
 * Zero division: any ratio whose denominator is 0 is reported as 0, like sklearn's `zero_division=0`
 * (a class never predicted has precision 0; a class absent from the labels has recall 0).
 */

/** classCount × classCount counts, row-major: row = true class, column = predicted class. */
export function confusionMatrix(
  trueLabels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classCount: number
): Int32Array {
  if (trueLabels.length !== predicted.length) {
    throw new RangeError(`confusionMatrix: ${trueLabels.length} labels but ${predicted.length} predictions`);
  }
  const matrix = new Int32Array(classCount * classCount);
  for (let s = 0; s < trueLabels.length; s++) {
    const t = trueLabels[s];
    const p = predicted[s];
    if (!(t >= 0 && t < classCount && p >= 0 && p < classCount) || t !== Math.floor(t) || p !== Math.floor(p)) {
      throw new RangeError(`confusionMatrix: sample ${s} has label ${t} / prediction ${p} outside 0..${classCount - 1}`);
    }
    matrix[t * classCount + p]++;
  }
  return matrix;
}

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  /** number of samples whose true class is this one */
  support: number;
}

export interface ClassificationReport {
  accuracy: number;
  perClass: ClassScores[];
  /** unweighted mean over classes (every class counts the same, whatever its support) */
  macro: { precision: number; recall: number; f1: number };
}

/** a / b, or 0 when b is 0 (sklearn's zero_division=0). */
function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

export function classificationReport(confusion: Int32Array, classCount: number): ClassificationReport {
  if (confusion.length !== classCount * classCount) {
    throw new RangeError(`classificationReport: matrix has ${confusion.length} cells, expected ${classCount * classCount}`);
  }
  let total = 0;
  let correct = 0;
  const perClass: ClassScores[] = [];
  let sumPrecision = 0;
  let sumRecall = 0;
  let sumF1 = 0;
  for (let c = 0; c < classCount; c++) {
    let rowSum = 0; // samples truly in c
    let colSum = 0; // samples predicted as c
    for (let k = 0; k < classCount; k++) {
      rowSum += confusion[c * classCount + k];
      colSum += confusion[k * classCount + c];
    }
    const tp = confusion[c * classCount + c];
    total += rowSum;
    correct += tp;
    const precision = ratio(tp, colSum);
    const recall = ratio(tp, rowSum);
    const f1 = ratio(2 * precision * recall, precision + recall);
    perClass.push({ precision, recall, f1, support: rowSum });
    sumPrecision += precision;
    sumRecall += recall;
    sumF1 += f1;
  }
  return {
    accuracy: ratio(correct, total),
    perClass,
    macro: {
      precision: ratio(sumPrecision, classCount),
      recall: ratio(sumRecall, classCount),
      f1: ratio(sumF1, classCount)
    }
  };
}

/** The four cells of a 2×2 confusion matrix, class 1 being the positive class. */
export function binaryCounts(confusion: Int32Array): { TN: number; FP: number; FN: number; TP: number } {
  if (confusion.length !== 4) {
    throw new RangeError(`binaryCounts: expected a 2×2 matrix, got ${confusion.length} cells`);
  }
  return { TN: confusion[0], FP: confusion[1], FN: confusion[2], TP: confusion[3] };
}

export interface RegressionReport {
  mse: number;
  rmse: number;
  mae: number;
  /**
   * coefficient of determination, 1 − SS_res / SS_tot. Constant targets (SS_tot = 0) leave it undefined;
   * like sklearn's force_finite it is then 1 for a perfect fit and 0 otherwise.
   */
  r2: number;
}

/** Over all values (flattened), so a multi-output table is scored as one set of numbers. */
export function regressionReport(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): RegressionReport {
  const n = yTrue.length;
  if (n !== yPred.length) {
    throw new RangeError(`regressionReport: ${n} targets but ${yPred.length} predictions`);
  }
  if (n === 0) return { mse: 0, rmse: 0, mae: 0, r2: 0 };
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i];
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  let absSum = 0;
  for (let i = 0; i < n; i++) {
    const err = yTrue[i] - yPred[i];
    ssRes += err * err;
    absSum += Math.abs(err);
    const dev = yTrue[i] - mean;
    ssTot += dev * dev;
  }
  const mse = ssRes / n;
  // Constant targets: finite stand-ins rather than NaN/−∞, so the panels always show a number.
  const r2 = ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
  return { mse, rmse: Math.sqrt(mse), mae: absSum / n, r2 };
}

/** Each row divided by its sum (the share of each true class predicted as each class); empty rows stay 0. */
export function rowNormalise(confusion: Int32Array, classCount: number): Float64Array {
  if (confusion.length !== classCount * classCount) {
    throw new RangeError(`rowNormalise: matrix has ${confusion.length} cells, expected ${classCount * classCount}`);
  }
  const out = new Float64Array(confusion.length);
  for (let r = 0; r < classCount; r++) {
    let sum = 0;
    for (let c = 0; c < classCount; c++) sum += confusion[r * classCount + c];
    for (let c = 0; c < classCount; c++) out[r * classCount + c] = ratio(confusion[r * classCount + c], sum);
  }
  return out;
}
