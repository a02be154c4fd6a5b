/** What the store keeps: the playground, its trained weights and its undo history. */
import type { PlaygroundState } from '../model/playground';
import type { History } from '../model/history';
import type { SavedProgress } from '../model/schema';
import type { CurveColumns } from './curve-columns';

export interface SavedRecord {
  state: PlaygroundState;
  /** trained parameters, laid out as in ParamLayout; null before the first compile */
  params: Float32Array | null;
  /** 1 where a parameter is frozen */
  frozen: Uint8Array | null;
  /** how far `params` trained (counters and curve); absent in older records and without weights */
  progress?: SavedProgress | null;
  /** the undo history, JSON-serialisable */
  history: History;
  /** ms since the epoch */
  savedAt: number;
  /**
   * Counts the writes of the current playground. A tab writes only over the revision it last read or wrote,
   * so two tabs never silently overwrite each other (see saveCurrent's `base`).
   */
  revision?: number;
}

export interface SaveSummary {
  id: string;
  name: string;
  savedAt: number;
}

/** Progress as the store keeps it: the counters, and the curve as columns (see curve-columns). */
export interface StoredProgress {
  step: number;
  epoch: number;
  curveColumns: CurveColumns;
}

/** A record as the store writes it (decodeRecord reads it back, and records written before columns too). */
export type StoredRecord = Omit<SavedRecord, 'progress'> & { progress?: StoredProgress | null };
