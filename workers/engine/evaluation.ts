/**
 * Evaluation over whole sets, dropout off and no penalty term: loss, accuracy (classification) or R²
 * (regression) per epoch record, the confusion matrix and the regression report. Runs in chunks
 * (evalCapacity samples) through its own forward-only workspace, so it never disturbs the training batch.
 */
import type { EpochRecord, TrainSettings } from '../protocol';
import type { Program } from './compile';
import { gather, type Dataset } from './dataset';
import { forward } from './forward';
import { batchLoss } from './losses';
import { regressionReport, type RegressionReport } from './metrics';
import { createWorkspace, type Workspace } from './workspace';

/** Evaluation, grids and predictions run in chunks of at most this many samples (cache-sized buffers). */
export const EVAL_CHUNK = 1024;
/** Values one evaluation activation buffer may hold: conv nets have thousands of units per sample. */
export const EVAL_VALUES = 1 << 21;

/** Samples per evaluation chunk: EVAL_CHUNK, fewer for networks with many units (1 at least). */
export function evalCapacity(program: Program): number {
  const widest = Math.max(...program.groups.map((g) => g.units));
  return Math.max(1, Math.min(EVAL_CHUNK, Math.floor(EVAL_VALUES / widest)));
}

interface SetFigures {
  loss: number;
  accuracy: number;
  report: RegressionReport | null;
}

export class Evaluator {
  /** evalCapacity rows, forward only; also used by inference (grids, predictions) between evaluations */
  readonly ws: Workspace;
  /** regression only: true and predicted outputs of every sample, reused by every evaluation */
  private yTrue = new Float32Array(0);
  private yPred = new Float32Array(0);

  constructor(private readonly program: Program) {
    this.ws = createWorkspace(program, evalCapacity(program), Float32Array, { backward: false });
  }

  /** One curve point: both sets' loss and accuracy or R², labelled with the given epoch. */
  record(params: Float32Array, data: Dataset, settings: TrainSettings, threshold: number, epoch: number): EpochRecord {
    const regression = data.targets.classCount === 0;
    const train = this.measure(params, data, settings, threshold, data.trainIdx, null, regression);
    const test = this.measure(params, data, settings, threshold, data.testIdx, null, regression);
    return {
      epoch,
      trainLoss: train.loss,
      testLoss: test.loss,
      trainAccuracy: train.accuracy,
      testAccuracy: test.accuracy,
      trainR2: train.report ? train.report.r2 : NaN,
      testR2: test.report ? test.report.r2 : NaN
    };
  }

  /** classes × classes counts (row = true class) on the test set, or the train set if there is no test set. */
  confusion(params: Float32Array, data: Dataset, settings: TrainSettings, threshold: number): Int32Array | null {
    const c = data.targets.classCount;
    if (c === 0) return null;
    const counts = new Int32Array(c * c);
    this.measure(params, data, settings, threshold, heldOut(data), counts, false);
    return counts;
  }

  /** Regression: MSE, RMSE, MAE and R² of every output on the test set (train set if none); null for classification. */
  regression(params: Float32Array, data: Dataset, settings: TrainSettings): RegressionReport | null {
    if (data.targets.classCount !== 0) return null;
    return this.measure(params, data, settings, 0.5, heldOut(data), null, true).report;
  }

  private measure(
    params: Float32Array,
    data: Dataset,
    settings: TrainSettings,
    threshold: number,
    idx: Int32Array,
    confusion: Int32Array | null,
    regression: boolean
  ): SetFigures {
    const count = idx.length;
    if (count === 0) return { loss: NaN, accuracy: NaN, report: null };
    const { program, ws } = this;
    const out = program.groups[program.output];
    const k = out.units;
    const labels = data.targets.labels;
    const classes = data.targets.classCount;
    if (regression && this.yTrue.length < count * k) {
      this.yTrue = new Float32Array(data.table.count * k);
      this.yPred = new Float32Array(data.table.count * k);
    }
    let lossSum = 0;
    let correct = 0;
    const chunk = ws.capacity;
    for (let start = 0; start < count; start += chunk) {
      const n = Math.min(chunk, count - start);
      gather(program, data, ws, idx, start, n);
      forward(program, ws, params, n, null);
      const a = ws.a[out.index];
      lossSum += n * batchLoss(settings.loss, out.activation, ws.z[out.index], a, ws.target, n, k, settings.huberDelta, null);
      if (regression) {
        this.yTrue.set(ws.target.subarray(0, n * k), start * k);
        this.yPred.set(a.subarray(0, n * k), start * k);
      }
      if (!labels) continue;
      for (let b = 0; b < n; b++) {
        const predicted = k === 1 ? (a[b] > threshold ? 1 : 0) : argmax(a, b * k, k);
        const truth = labels[idx[start + b]];
        if (predicted === truth) correct++;
        if (confusion) confusion[truth * classes + predicted]++;
      }
    }
    const report = regression ? regressionReport(this.yTrue.subarray(0, count * k), this.yPred.subarray(0, count * k)) : null;
    return { loss: lossSum / count, accuracy: labels ? correct / count : NaN, report };
  }
}

function heldOut(data: Dataset): Int32Array {
  return data.testIdx.length > 0 ? data.testIdx : data.trainIdx;
}

function argmax(a: ArrayLike<number>, offset: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (a[offset + j] > a[offset + best]) best = j;
  return best;
}
