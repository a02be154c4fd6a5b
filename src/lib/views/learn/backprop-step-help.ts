/** The backprop step-through's small rules: when it can run, the update arithmetic, agreement with the engine, titles. */
import type { ParamLayout, SampleTrace } from '../../../../workers/protocol';
import type { NetworkDoc } from '../../model/document';
import type { Step } from './backprop-step-types';

/**
 * Why the step-through cannot run on these inputs, or null when it can
 * (the document changed since the layout was compiled, or buffers of the wrong size).
 */
export function stepsProblem(
  doc: NetworkDoc,
  layout: ParamLayout | null,
  params: Float32Array | null,
  trace: SampleTrace | null
): string | null {
  if (!layout) return 'Load a valid network first (the network must compile before it can be stepped through).';
  if (!trace) return 'Pick a sample and press "Trace this sample" to follow it through the network.';
  if (!params) return 'Waiting for the network\'s weights.';
  if (params.length !== layout.paramCount) return 'The weights do not match the compiled network yet; wait for the next snapshot.';
  if (trace.z.length !== layout.unitCount || trace.grads.length !== layout.paramCount) {
    return 'The trace is from an earlier version of the network; pick the sample again.';
  }
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  for (const g of layout.groups) {
    const node = nodes.get(g.id);
    if (!node || node.units !== g.units) return 'The network has changed since it was compiled; wait for it to reload.';
  }
  return null;
}

/** Plain SGD on this one sample: Δ = −η·grad. */
export function sgdChange(value: number, grad: number, lr: number): { delta: number; next: number } {
  const delta = -lr * grad;
  return { delta, next: value + delta };
}

/**
 * Whether a recomputed value agrees with the engine's. The engine works in float32, so the
 * tolerance is relative (1e-4) with a small absolute floor for values near zero.
 */
export function agrees(mine: number, engine: number): boolean {
  if (!Number.isFinite(mine) || !Number.isFinite(engine)) return Object.is(mine, engine);
  return Math.abs(mine - engine) <= 1e-4 * Math.max(1, Math.abs(engine)) + 1e-6;
}

/** A short title for a step, for the stepper's heading and its screen-reader announcement. */
export function stepTitle(step: Step, index: number, count: number): string {
  const pos = `Step ${index + 1} of ${count}`;
  switch (step.kind) {
    case 'inputs':
      return `${pos}: the sample's inputs`;
    case 'forward':
      return `${pos}: forward through ${step.label}`;
    case 'loss':
      return `${pos}: the loss`;
    case 'backward':
      return `${pos}: backward through ${step.label}`;
    case 'update':
      return `${pos}: apply the update`;
  }
}
