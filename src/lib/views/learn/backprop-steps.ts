/**
 * The backprop step-through as data: one forward step per unit in topological order, the loss,
 * one backward step per unit in reverse order, then the SGD update of every parameter.
 *
 * The numbers are recomputed here from the parameters and the sample's input activations, the
 * way a person would on paper (z = Σ w·a + b, a = f(z), da = Σ w·dz, dz = da·f′(z), dw = a_in·dz,
 * db = dz), and each step also carries the engine's own value from the trace so the view can show
 * that the two agree. Only the output units' dL/dz comes from the engine: it depends on the loss
 * and the target, which the trace already folds in.
 */
import type { Activation, EdgeLayout, GroupLayout, ParamLayout, ParamRef, SampleTrace } from '../../../../workers/protocol';
import { ACTIVATION_INFO, topologicalOrder } from '../../../../workers/engine';
import type { NetworkDoc } from '../../model/document';

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

export const unitId = (group: string, j: number): string => `${group}:${j}`;
export const linkId = (from: string, i: number, to: string, j: number): string => `${from}:${i}->${to}:${j}`;

/** Groups in topological order (Kahn), ties broken by layout order so the result is stable. */
export function topoOrder(layout: ParamLayout): GroupLayout[] {
  return topologicalOrder(layout.groups, layout.edges);
}

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

function softmax(z: number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}

/** Memoises a thunk: the lists of terms, weights and rows are built only for the steps a person opens. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

/**
 * Every step for one traced sample. Check stepsProblem first; this assumes the inputs agree.
 *
 * The numbers for every unit and parameter are computed up front into typed arrays (cheap even for
 * 784 → 512 → 10); the per-step lists (terms, weight gradients, update rows, highlights) are built
 * lazily on first access, because building all of them at once for a large layer means millions
 * of small objects that nobody looks at.
 */
export function buildSteps(doc: NetworkDoc, layout: ParamLayout, params: Float32Array, trace: SampleTrace): Step[] {
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const names = new Map<string, string>();
  for (const g of layout.groups) {
    const label = nodes.get(g.id)?.label.trim();
    names.set(g.id, label ? label : g.id);
  }
  const unitLabel = (g: GroupLayout, j: number) => (g.units === 1 ? names.get(g.id)! : `${names.get(g.id)}[${j}]`);
  const activationOf = (id: string): Activation => nodes.get(id)?.activation ?? 'linear';
  const byId = new Map(layout.groups.map((g) => [g.id, g]));
  const incomingMap = new Map<string, EdgeLayout[]>(layout.groups.map((g) => [g.id, []]));
  const outgoingMap = new Map<string, EdgeLayout[]>(layout.groups.map((g) => [g.id, []]));
  for (const e of layout.edges) {
    incomingMap.get(e.to)?.push(e);
    outgoingMap.get(e.from)?.push(e);
  }
  const incoming = (id: string) => incomingMap.get(id) ?? [];
  const outgoing = (id: string) => outgoingMap.get(id) ?? [];
  const order = topoOrder(layout);
  const isInput = (g: GroupLayout) => nodes.get(g.id)?.kind === 'input' || incoming(g.id).length === 0;
  const isOutput = (g: GroupLayout) => nodes.get(g.id)?.kind === 'output' || outgoing(g.id).length === 0;
  const slopeOf = (g: GroupLayout, j: number) =>
    activationOf(g.id) === 'prelu' && g.preluOffset >= 0 ? params[g.preluOffset + j] : null;

  // ---- the numbers, indexed like the trace
  const z = new Float64Array(layout.unitCount);
  const a = new Float64Array(layout.unitCount);
  const da = new Float64Array(layout.unitCount);
  const dz = new Float64Array(layout.unitCount);
  const dfz = new Float64Array(layout.unitCount);
  const grads = new Float64Array(layout.paramCount);

  for (const g of order) {
    if (isInput(g)) {
      for (let j = 0; j < g.units; j++) {
        a[g.unitOffset + j] = trace.a[g.unitOffset + j];
        z[g.unitOffset + j] = trace.a[g.unitOffset + j];
      }
      continue;
    }
    const act = activationOf(g.id);
    const o = g.unitOffset;
    for (let j = 0; j < g.units; j++) z[o + j] = g.biasOffset >= 0 ? params[g.biasOffset + j] : 0;
    // row by row of the weight matrix, so the parameters are read in memory order
    for (const e of incoming(g.id)) {
      const from = byId.get(e.from)!;
      for (let i = 0; i < e.fromUnits; i++) {
        const ai = a[from.unitOffset + i];
        const row = e.offset + i * e.toUnits;
        for (let j = 0; j < e.toUnits; j++) z[o + j] += params[row + j] * ai;
      }
    }
    if (act !== 'softmax') for (let j = 0; j < g.units; j++) a[o + j] = ACTIVATION_INFO[act].f(z[o + j], slopeOf(g, j) ?? undefined);
    if (act === 'softmax') {
      // softmax needs every z of the group before any a is known
      const as = softmax(Array.from(z.subarray(g.unitOffset, g.unitOffset + g.units)));
      as.forEach((v, j) => (a[g.unitOffset + j] = v));
    }
  }

  // the output's dL/da and dL/dz depend on the loss and the target: the engine's
  for (const g of order) {
    if (!isOutput(g) || isInput(g)) continue;
    for (let j = 0; j < g.units; j++) {
      da[g.unitOffset + j] = trace.da[g.unitOffset + j];
      dz[g.unitOffset + j] = trace.dz[g.unitOffset + j];
    }
  }

  const reversed = [...order].reverse();
  for (const g of reversed) {
    if (isInput(g)) continue;
    const act = activationOf(g.id);
    const fromLoss = isOutput(g);
    if (!fromLoss) {
      for (let j = 0; j < g.units; j++) {
        let sum = 0;
        for (const e of outgoing(g.id)) {
          const to = byId.get(e.to)!;
          for (let k = 0; k < e.toUnits; k++) sum += params[e.offset + j * e.toUnits + k] * dz[to.unitOffset + k];
        }
        da[g.unitOffset + j] = sum;
      }
    }
    let dot = 0;
    if (act === 'softmax') for (let k = 0; k < g.units; k++) dot += a[g.unitOffset + k] * da[g.unitOffset + k];
    for (let j = 0; j < g.units; j++) {
      const u = g.unitOffset + j;
      const slope = slopeOf(g, j);
      dfz[u] = act === 'softmax' ? Number.NaN : ACTIVATION_INFO[act].df(z[u], slope ?? undefined);
      if (!fromLoss) {
        // Jacobian-vector product for softmax: dz_j = a_j (da_j − Σ_k a_k da_k).
        // (+ 0 turns −0 from a switched-off unit into 0, so the tables do not show "-0")
        dz[u] = (act === 'softmax' ? a[u] * (da[u] - dot) : da[u] * dfz[u]) + 0;
      }
      if (g.biasOffset >= 0) grads[g.biasOffset + j] = dz[u];
      if (slope !== null) grads[g.preluOffset + j] = z[u] > 0 ? 0 : da[u] * z[u] + 0;
    }
    for (const e of incoming(g.id)) {
      const from = byId.get(e.from)!;
      for (let i = 0; i < e.fromUnits; i++) {
        const ai = a[from.unitOffset + i];
        const row = e.offset + i * e.toUnits;
        for (let j = 0; j < e.toUnits; j++) grads[row + j] = ai * dz[g.unitOffset + j] + 0;
      }
    }
  }

  // ---- the steps
  const steps: Step[] = [];

  const inputUnits: InputsStep['units'] = [];
  for (const g of order) {
    if (!isInput(g)) continue;
    for (let j = 0; j < g.units; j++) inputUnits.push({ unitId: unitId(g.id, j), label: unitLabel(g, j), a: a[g.unitOffset + j] });
  }
  steps.push({ kind: 'inputs', units: inputUnits, highlight: { units: inputUnits.map((u) => u.unitId), links: [] } });

  const forwardTerms = (g: GroupLayout, j: number) => () => {
    const terms: ForwardTerm[] = [];
    for (const e of incoming(g.id)) {
      const from = byId.get(e.from)!;
      for (let i = 0; i < e.fromUnits; i++) {
        terms.push({
          linkId: linkId(e.from, i, g.id, j),
          fromUnit: unitId(e.from, i),
          fromLabel: unitLabel(from, i),
          w: params[e.offset + i * e.toUnits + j],
          a: a[from.unitOffset + i]
        });
      }
    }
    return terms;
  };

  for (const g of order) {
    if (isInput(g)) continue;
    const act = activationOf(g.id);
    for (let j = 0; j < g.units; j++) {
      const u = g.unitOffset + j;
      const terms = once(forwardTerms(g, j));
      const id = unitId(g.id, j);
      steps.push({
        kind: 'forward',
        unitId: id,
        group: g.id,
        label: unitLabel(g, j),
        j,
        activation: act,
        get terms() {
          return terms();
        },
        b: g.biasOffset >= 0 ? params[g.biasOffset + j] : 0,
        z: z[u],
        a: a[u],
        alpha: slopeOf(g, j),
        engineZ: trace.z[u],
        engineA: trace.a[u],
        get highlight() {
          return { units: [id], links: terms().map((t) => t.linkId) };
        }
      });
    }
  }

  const outputs: LossStep['outputs'] = [];
  for (const g of order) {
    if (!isOutput(g) || isInput(g)) continue;
    for (let j = 0; j < g.units; j++) {
      const u = g.unitOffset + j;
      outputs.push({ unitId: unitId(g.id, j), label: unitLabel(g, j), a: a[u], da: da[u], dz: dz[u] });
    }
  }
  steps.push({ kind: 'loss', loss: trace.loss, outputs, highlight: { units: outputs.map((o) => o.unitId), links: [] } });

  for (const g of reversed) {
    if (isInput(g)) continue;
    const act = activationOf(g.id);
    const fromLoss = isOutput(g);
    for (let j = 0; j < g.units; j++) {
      const u = g.unitOffset + j;
      const id = unitId(g.id, j);
      const terms = once((): BackwardTerm[] => {
        if (fromLoss) return [];
        const list: BackwardTerm[] = [];
        for (const e of outgoing(g.id)) {
          const to = byId.get(e.to)!;
          for (let k = 0; k < e.toUnits; k++) {
            list.push({
              linkId: linkId(g.id, j, e.to, k),
              toUnit: unitId(e.to, k),
              toLabel: unitLabel(to, k),
              w: params[e.offset + j * e.toUnits + k],
              dz: dz[to.unitOffset + k]
            });
          }
        }
        return list;
      });
      const weights = once((): WeightGrad[] => {
        const list: WeightGrad[] = [];
        for (const e of incoming(g.id)) {
          const from = byId.get(e.from)!;
          for (let i = 0; i < e.fromUnits; i++) {
            list.push({
              linkId: linkId(e.from, i, g.id, j),
              ref: { kind: 'weight', from: e.from, to: g.id, i, j },
              fromLabel: unitLabel(from, i),
              aIn: a[from.unitOffset + i],
              dw: grads[e.offset + i * e.toUnits + j]
            });
          }
        }
        return list;
      });
      const slope = slopeOf(g, j);
      steps.push({
        kind: 'backward',
        unitId: id,
        group: g.id,
        label: unitLabel(g, j),
        j,
        activation: act,
        fromLoss,
        get terms() {
          return terms();
        },
        da: da[u],
        z: z[u],
        dfz: dfz[u],
        dz: dz[u],
        db: dz[u],
        get weights() {
          return weights();
        },
        dAlpha: slope === null ? null : grads[g.preluOffset + j],
        engineDa: trace.da[u],
        engineDz: trace.dz[u],
        get highlight() {
          return { units: [id], links: [...terms().map((t) => t.linkId), ...weights().map((w) => w.linkId)] };
        }
      });
    }
  }

  // the update: every parameter, groups in topological order, weights before biases
  const paramOrder = new Int32Array(layout.paramCount);
  let filled = 0;
  for (const g of order) {
    if (isInput(g)) continue;
    for (const e of incoming(g.id)) for (let p = e.offset; p < e.offset + e.fromUnits * e.toUnits; p++) paramOrder[filled++] = p;
    for (let j = 0; j < g.units; j++) {
      if (g.biasOffset >= 0) paramOrder[filled++] = g.biasOffset + j;
      if (g.preluOffset >= 0) paramOrder[filled++] = g.preluOffset + j;
    }
  }
  const count = filled;
  const describe = (p: number): UpdateRow => {
    const common = { value: params[p], grad: grads[p], engineGrad: trace.grads[p] };
    for (const e of layout.edges) {
      if (p >= e.offset && p < e.offset + e.fromUnits * e.toUnits) {
        const i = Math.floor((p - e.offset) / e.toUnits);
        const j = p - e.offset - i * e.toUnits;
        return {
          ref: { kind: 'weight', from: e.from, to: e.to, i, j },
          label: `w ${unitLabel(byId.get(e.from)!, i)}→${unitLabel(byId.get(e.to)!, j)}`,
          ...common,
          linkId: linkId(e.from, i, e.to, j),
          unitId: null
        };
      }
    }
    for (const g of layout.groups) {
      for (const [kind, offset, name] of [
        ['bias', g.biasOffset, 'b'],
        ['prelu', g.preluOffset, 'slope']
      ] as const) {
        if (offset >= 0 && p >= offset && p < offset + g.units) {
          const j = p - offset;
          return { ref: { kind, group: g.id, j }, label: `${name} ${unitLabel(g, j)}`, ...common, linkId: null, unitId: unitId(g.id, j) };
        }
      }
    }
    throw new RangeError(`Parameter ${p} is not in the layout`);
  };
  let allAgree = true;
  for (let k = 0; k < count && allAgree; k++) allAgree = agrees(grads[paramOrder[k]], trace.grads[paramOrder[k]]);
  const rows = once(() => Array.from(paramOrder.subarray(0, count), describe));
  const weightCount = layout.edges.reduce((t, e) => t + e.fromUnits * e.toUnits, 0);
  const highlight = once(
    (): Highlight => ({
      units: order.filter((g) => !isInput(g)).flatMap((g) => Array.from({ length: g.units }, (_, j) => unitId(g.id, j))),
      links:
        weightCount > MAX_HIGHLIGHT_LINKS
          ? []
          : layout.edges.flatMap((e) => {
              const list: string[] = [];
              for (let i = 0; i < e.fromUnits; i++) for (let j = 0; j < e.toUnits; j++) list.push(linkId(e.from, i, e.to, j));
              return list;
            })
    })
  );
  steps.push({
    kind: 'update',
    count,
    rowAt: (k) => describe(paramOrder[k]),
    get rows() {
      return rows();
    },
    largest: (limit) => {
      if (limit <= 0 || count === 0) return [];
      // the limit-th largest |gradient| from a typed-array sort (fast), then only the few
      // parameters at or above it are sorted with a comparator
      const mags = new Float64Array(count);
      for (let k = 0; k < count; k++) mags[k] = Math.abs(grads[paramOrder[k]]);
      const sorted = mags.slice().sort();
      const threshold = sorted[Math.max(0, count - Math.min(limit, count))];
      const picked: number[] = [];
      for (let k = 0; k < count; k++) if (mags[k] > threshold) picked.push(k);
      // ties at the threshold fill the remaining places in display order (all-zero gradients stay cheap)
      for (let k = 0; k < count && picked.length < limit; k++) if (mags[k] === threshold) picked.push(k);
      picked.sort((p, q) => mags[q] - mags[p] || p - q);
      return picked.map((k) => describe(paramOrder[k]));
    },
    allAgree,
    get highlight() {
      return highlight();
    }
  });
  return steps;
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
