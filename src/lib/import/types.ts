/** The importers' inputs and result. */
import type { ParamLayout, TrainSettings } from '../../../workers/protocol';
import type { NetworkDoc } from '../model/document';

/** One chosen file, read. */
export interface ModelBytes {
  name: string;
  bytes: Uint8Array;
}

/** One chosen file, not read yet (its size is checked against the limit first). */
export interface ModelFileSource {
  name: string;
  size: number;
  read(): Promise<Uint8Array>;
}

export interface ImportedModel {
  format: 'TF.js' | 'Keras';
  /** the model's own name */
  name: string;
  /** laid out left to right, ready to replace the document on screen */
  doc: NetworkDoc;
  /** the engine's layout of doc's parameters (compile's) */
  layout: ParamLayout;
  /** the trained parameters in that layout */
  params: Float32Array;
  /** loss and optimizer from the model's training configuration, when it has one */
  settings: Partial<TrainSettings>;
  /** what changed in meaning on the way in, for the person */
  notes: string[];
}
