/**
 * The training curve as IndexedDB keeps it: one Float64Array per figure, not one object per epoch.
 * The curve is the bulk of a record (10,000 epochs: about 1.5 MB as objects), and the browser clones a
 * record on the page's own thread each time it is written or read. As 10,000 small objects that took
 * 10–20 ms each way, every few seconds while training; as seven typed arrays it is a copy of memory.
 * NaN (no test set, no accuracy in regression) is a value like any other here.
 */
import type { EpochRecord } from '../../../workers/protocol';

const REQUIRED = ['epoch', 'trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy'] as const;
/** figures older records lack: a column only when some epoch has one */
const OPTIONAL = ['trainR2', 'testR2'] as const;

export type CurveColumns = Partial<Record<(typeof REQUIRED)[number] | (typeof OPTIONAL)[number], Float64Array>>;

export function curveToColumns(curve: readonly EpochRecord[]): CurveColumns {
  const columns: CurveColumns = {};
  for (const key of REQUIRED) columns[key] = Float64Array.from(curve, (e) => e[key]);
  for (const key of OPTIONAL) {
    if (curve.some((e) => e[key] !== undefined)) columns[key] = Float64Array.from(curve, (e) => e[key] ?? Number.NaN);
  }
  return columns;
}

/**
 * The epochs back from stored columns, or a sentence saying why they cannot be read. The values are not
 * judged here: the progress schema checks the epochs like any other curve.
 */
export function curveFromColumns(value: unknown): { ok: true; curve: EpochRecord[] } | { ok: false; error: string } {
  if (value === null || typeof value !== 'object') return { ok: false, error: 'the curve is not a set of columns' };
  const columns = value as Record<string, unknown>;
  const present = [...REQUIRED, ...OPTIONAL].filter((key) => columns[key] !== undefined);
  for (const key of present) {
    if (!(columns[key] instanceof Float64Array)) return { ok: false, error: `the curve's ${key} column is not a list of numbers` };
  }
  const missing = REQUIRED.find((key) => columns[key] === undefined);
  if (missing) return { ok: false, error: `the curve has no ${missing} column` };
  const length = (columns.epoch as Float64Array).length;
  const uneven = present.find((key) => (columns[key] as Float64Array).length !== length);
  if (uneven) return { ok: false, error: `the curve's ${uneven} column has ${(columns[uneven] as Float64Array).length} values, not ${length}` };
  const curve: EpochRecord[] = [];
  for (let i = 0; i < length; i++) {
    const record: Record<string, number> = {};
    for (const key of present) record[key] = (columns[key] as Float64Array)[i];
    curve.push(record as unknown as EpochRecord);
  }
  return { ok: true, curve };
}
