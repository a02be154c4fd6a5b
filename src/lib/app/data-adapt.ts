/** The data switch's adaptation, read from the tables the page holds (see model/adapt-to-data). */
import type { DataTable } from '../../../workers/protocol';
import { adaptToData, type Adaptation, type DataShape } from '../model/adapt-to-data';
import type { PlaygroundState } from '../model/playground';

export const shapeOf = (table: DataTable): DataShape => ({ columns: table.columns, classes: table.classes, targetColumns: table.targetColumns });

/** What to change so the network in `state` fits `next`, having been made for `previous` (null: unknown). */
export function adaptation(state: PlaygroundState, next: DataTable, previous: DataTable | null): Adaptation {
  return adaptToData(state.doc, state.settings, shapeOf(next), previous ? shapeOf(previous) : null);
}
