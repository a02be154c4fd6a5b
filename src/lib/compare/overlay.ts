/** Two runs' curves as one chart's columns: epochs in order, each run's value at that epoch or a gap. */
import type { EpochRecord } from '../../../workers/protocol';

export type OverlayColumns = [number[], (number | null)[], (number | null)[]];
export type OverlayMeasure = 'trainLoss' | 'testLoss';

export function overlayColumns(a: readonly EpochRecord[], b: readonly EpochRecord[], measure: OverlayMeasure): OverlayColumns {
  const rows = new Map<number, [number | null, number | null]>();
  const value = (r: EpochRecord) => (Number.isFinite(r[measure]) ? r[measure] : null);
  for (const r of a) rows.set(r.epoch, [value(r), null]);
  for (const r of b) {
    const row = rows.get(r.epoch);
    if (row) row[1] = value(r);
    else rows.set(r.epoch, [null, value(r)]);
  }
  const epochs = [...rows.keys()].sort((x, y) => x - y);
  return [epochs, epochs.map((e) => rows.get(e)![0]), epochs.map((e) => rows.get(e)![1])];
}
