/**
 * The whole playground as one serialisable value: what autosave stores, a URL encodes and a JSON file holds.
 * Selection, camera and training progress are not part of it (the trained weights travel beside it).
 */
import type { StepUnit, TrainSettings } from '../../../workers/protocol';
import type { NetworkDoc } from './document';

export const GENERATORS = [
  'circle',
  'xor',
  'gaussians',
  'spiral',
  'moons',
  'checkerboard',
  'function',
  'gaussians_multi',
  'spiral_multi',
  'plane',
  'multi_gaussian',
  'shapes'
] as const;
export type GeneratorId = (typeof GENERATORS)[number];

/** A data set described by how to make it again (seeded), not by its points. */
export interface GeneratedSource {
  kind: 'generated';
  generator: GeneratorId;
  /** number of points in all (train + test) */
  count: number;
  /** 0..1, as the reference tool's noise slider / 100 */
  noise: number;
  /** share of points held out for testing, 0..0.9 */
  testFraction: number;
  seed: number;
  /** multi-class generators: 3..5 */
  classes?: number;
  /** 'function' generator: points above/below y = f(x), e.g. "sin(2*x)" */
  expression?: string;
}

/** A data set carried by value: CSV imports, the course's tables, Iris, clicked points. */
export interface TableSource {
  kind: 'table';
  name: string;
  columns: string[];
  /** rows × columns, row-major */
  x: number[];
  /** classification: class index per row; regression: rows × targetColumns, row-major */
  y: number[];
  classes: string[] | null;
  targetColumns: string[];
  /** 1 = test row */
  isTest: number[];
}

/** The MNIST digits, fetched lazily from static/data. */
export interface MnistSource {
  kind: 'mnist';
  trainCount: number;
  testCount: number;
}

export type DataSource = GeneratedSource | TableSource | MnistSource;

export interface PlaygroundState {
  version: 1;
  doc: NetworkDoc;
  settings: TrainSettings;
  data: DataSource;
  /** raw columns on the axes of the heat-maps and the output view */
  view: { xColumn: number; yColumn: number };
  /** how the learner likes to watch training; absent: the teaching pace, Step by epoch */
  training?: TrainingPrefs;
}

export interface TrainingPrefs {
  /** 0 = as fast as possible */
  epochsPerSecond: number;
  stepBy: StepUnit;
}

/** The settings of a new playground: one object, kept by the engine beside the checks of every setting. */
export { DEFAULT_SETTINGS } from '../../../workers/engine';
