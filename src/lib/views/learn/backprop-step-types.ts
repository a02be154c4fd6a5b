/** The shapes of the backprop step-through: what each step shows. Data only; built by backprop-steps.ts. */
import type { Activation, ParamRef } from '../../../../workers/protocol';

export interface Highlight {
  units: string[];
  links: string[];
}

/** One incoming term w·a of a unit's weighted sum. */
export interface ForwardTerm {
  linkId: string;
  fromUnit: string;
  fromLabel: string;
  w: number;
  a: number;
}

/** One outgoing path w·dz that sends gradient back to a unit. */
export interface BackwardTerm {
  linkId: string;
  toUnit: string;
  toLabel: string;
  w: number;
  dz: number;
}

/** dL/dw for one incoming weight of a unit: a_in · dz. */
export interface WeightGrad {
  linkId: string;
  ref: ParamRef;
  fromLabel: string;
  aIn: number;
  dw: number;
}

interface UnitStepBase {
  unitId: string;
  group: string;
  /** unit label for display, e.g. "h1[0]" */
  label: string;
  j: number;
  activation: Activation;
  highlight: Highlight;
}

export interface InputsStep {
  kind: 'inputs';
  units: { unitId: string; label: string; a: number }[];
  highlight: Highlight;
}

export interface ForwardStep extends UnitStepBase {
  kind: 'forward';
  terms: ForwardTerm[];
  b: number;
  /** recomputed from the terms */
  z: number;
  a: number;
  /** PReLU slope of this unit */
  alpha: number | null;
  /** the engine's values for this unit */
  engineZ: number;
  engineA: number;
}

export interface LossStep {
  kind: 'loss';
  loss: number;
  outputs: { unitId: string; label: string; a: number; da: number; dz: number }[];
  highlight: Highlight;
}

export interface BackwardStep extends UnitStepBase {
  kind: 'backward';
  /** true for output units: da and dz come from the loss */
  fromLoss: boolean;
  /** empty for output units */
  terms: BackwardTerm[];
  da: number;
  z: number;
  /** f′(z) (NaN for softmax, whose derivative couples the group's units) */
  dfz: number;
  dz: number;
  db: number;
  weights: WeightGrad[];
  /** PReLU: dL/dslope = da · z when z ≤ 0, else 0 */
  dAlpha: number | null;
  engineDa: number;
  engineDz: number;
}

export interface UpdateRow {
  ref: ParamRef;
  /** "w in[0]→h1[1]", "b h1[1]", "slope h1[1]" */
  label: string;
  value: number;
  /** dL/dparam for this one sample, as recomputed by the backward steps */
  grad: number;
  /** the engine's gradient for the same parameter */
  engineGrad: number;
  linkId: string | null;
  unitId: string | null;
}

export interface UpdateStep {
  kind: 'update';
  /** number of parameters */
  count: number;
  /** the k-th row in display order (groups in topological order, weights then biases) */
  rowAt(k: number): UpdateRow;
  /** every row in display order: builds one object per parameter, so prefer rowAt/largest on big networks */
  rows: UpdateRow[];
  /** up to `limit` rows with the largest |gradient|, largest first */
  largest(limit: number): UpdateRow[];
  /** whether every recomputed gradient agrees with the engine's */
  allAgree: boolean;
  highlight: Highlight;
}

/** Beyond this many weights the update step highlights units only: a list of every link would be huge. */
export const MAX_HIGHLIGHT_LINKS = 5000;

export type Step = InputsStep | ForwardStep | LossStep | BackwardStep | UpdateStep;
