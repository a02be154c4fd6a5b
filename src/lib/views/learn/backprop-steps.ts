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
import { ACTIVATION_INFO } from '../../../../workers/engine/activations';
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
  rows: UpdateRow[];
  highlight: Highlight;
}

export type Step = InputsStep | ForwardStep | LossStep | BackwardStep | UpdateStep;

export const unitId = (group: string, j: number): string => `${group}:${j}`;
export const linkId = (from: string, i: number, to: string, j: number): string => `${from}:${i}->${to}:${j}`;

/** Groups in topological order (Kahn), ties broken by layout order so the result is stable. */
export function topoOrder(layout: ParamLayout): GroupLayout[] {
  const indeg = new Map(layout.groups.map((g) => [g.id, 0]));
  for (const e of layout.edges) indeg.set(e.to, (indeg.get(e.to) ?? 0) + 1);
  const done = new Set<string>();
  const order: GroupLayout[] = [];
  while (order.length < layout.groups.length) {
    const next = layout.groups.find((g) => !done.has(g.id) && indeg.get(g.id) === 0);
    // a cycle cannot compile, so this only guards against a malformed layout
    if (!next) break;
    done.add(next.id);
    order.push(next);
    for (const e of layout.edges) if (e.from === next.id) indeg.set(e.to, (indeg.get(e.to) ?? 0) - 1);
  }
  return order;
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

/** Every step for one traced sample. Check stepsProblem first; this assumes the inputs agree. */
export function buildSteps(doc: NetworkDoc, layout: ParamLayout, params: Float32Array, trace: SampleTrace): Step[] {
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const groupName = (id: string) => {
    const label = nodes.get(id)?.label.trim();
    return label ? label : id;
  };
  const unitLabel = (g: GroupLayout, j: number) => (g.units === 1 ? groupName(g.id) : `${groupName(g.id)}[${j}]`);
  const activationOf = (id: string): Activation => nodes.get(id)?.activation ?? 'linear';
  const byId = new Map(layout.groups.map((g) => [g.id, g]));
  const incoming = (id: string): EdgeLayout[] => layout.edges.filter((e) => e.to === id);
  const outgoing = (id: string): EdgeLayout[] => layout.edges.filter((e) => e.from === id);
  const order = topoOrder(layout);
  const isInput = (g: GroupLayout) => nodes.get(g.id)?.kind === 'input' || incoming(g.id).length === 0;
  const isOutput = (g: GroupLayout) => nodes.get(g.id)?.kind === 'output' || outgoing(g.id).length === 0;

  // recomputed values per unit, indexed like the trace
  const z = new Float64Array(layout.unitCount);
  const a = new Float64Array(layout.unitCount);
  const da = new Float64Array(layout.unitCount);
  const dz = new Float64Array(layout.unitCount);
  const grads = new Float64Array(layout.paramCount);

  const steps: Step[] = [];

  // --- inputs: the sample's features, as the engine computed them
  const inputUnits: InputsStep['units'] = [];
  for (const g of order) {
    if (!isInput(g)) continue;
    for (let j = 0; j < g.units; j++) {
      const u = g.unitOffset + j;
      a[u] = trace.a[u];
      z[u] = trace.a[u];
      inputUnits.push({ unitId: unitId(g.id, j), label: unitLabel(g, j), a: a[u] });
    }
  }
  steps.push({ kind: 'inputs', units: inputUnits, highlight: { units: inputUnits.map((u) => u.unitId), links: [] } });

  let T = performance.now(); const lap = (n: string) => { console.log(n, performance.now() - T); T = performance.now(); };
  // --- forward, unit by unit
  for (const g of order) {
    if (isInput(g)) continue;
    const act = activationOf(g.id);
    const edges = incoming(g.id);
    const groupSteps: ForwardStep[] = [];
    for (let j = 0; j < g.units; j++) {
      const terms: ForwardTerm[] = [];
      let sum = 0;
      for (const e of edges) {
        const from = byId.get(e.from)!;
        for (let i = 0; i < e.fromUnits; i++) {
          const w = params[e.offset + i * e.toUnits + j];
          const ai = a[from.unitOffset + i];
          terms.push({ linkId: linkId(e.from, i, g.id, j), fromUnit: unitId(e.from, i), fromLabel: unitLabel(from, i), w, a: ai });
          sum += w * ai;
        }
      }
      const b = g.biasOffset >= 0 ? params[g.biasOffset + j] : 0;
      const u = g.unitOffset + j;
      z[u] = sum + b;
      const alpha = act === 'prelu' && g.preluOffset >= 0 ? params[g.preluOffset + j] : null;
      if (act !== 'softmax') a[u] = ACTIVATION_INFO[act].f(z[u], alpha ?? undefined);
      groupSteps.push({
        kind: 'forward',
        unitId: unitId(g.id, j),
        group: g.id,
        label: unitLabel(g, j),
        j,
        activation: act,
        terms,
        b,
        z: z[u],
        a: a[u],
        alpha,
        engineZ: trace.z[u],
        engineA: trace.a[u],
        highlight: { units: [unitId(g.id, j)], links: terms.map((t) => t.linkId) }
      });
    }
    if (act === 'softmax') {
      // softmax needs every z of the group before any a is known
      const zs = Array.from(z.subarray(g.unitOffset, g.unitOffset + g.units));
      const as = softmax(zs);
      as.forEach((v, j) => {
        a[g.unitOffset + j] = v;
        groupSteps[j].a = v;
      });
    }
    steps.push(...groupSteps);
  }

  lap('forward');
  // --- loss: the engine's figure, and dL/dz at the outputs (it depends on the loss and the target)
  const outputs: LossStep['outputs'] = [];
  for (const g of order) {
    if (!isOutput(g) || isInput(g)) continue;
    for (let j = 0; j < g.units; j++) {
      const u = g.unitOffset + j;
      da[u] = trace.da[u];
      dz[u] = trace.dz[u];
      outputs.push({ unitId: unitId(g.id, j), label: unitLabel(g, j), a: a[u], da: da[u], dz: dz[u] });
    }
  }
  steps.push({ kind: 'loss', loss: trace.loss, outputs, highlight: { units: outputs.map((o) => o.unitId), links: [] } });

  lap('loss');
  // --- backward, unit by unit in reverse topological order
  for (const g of [...order].reverse()) {
    if (isInput(g)) continue;
    const act = activationOf(g.id);
    const fromLoss = isOutput(g);
    const outEdges = outgoing(g.id);
    const termsPerUnit: BackwardTerm[][] = [];
    if (!fromLoss) {
      for (let j = 0; j < g.units; j++) {
        const terms: BackwardTerm[] = [];
        let sum = 0;
        for (const e of outEdges) {
          const to = byId.get(e.to)!;
          for (let k = 0; k < e.toUnits; k++) {
            const w = params[e.offset + j * e.toUnits + k];
            const dzk = dz[to.unitOffset + k];
            terms.push({ linkId: linkId(g.id, j, e.to, k), toUnit: unitId(e.to, k), toLabel: unitLabel(to, k), w, dz: dzk });
            sum += w * dzk;
          }
        }
        da[g.unitOffset + j] = sum;
        termsPerUnit.push(terms);
      }
      if (act === 'softmax') {
        // Jacobian-vector product: dz_j = a_j (da_j − Σ_k a_k da_k)
        let dot = 0;
        for (let k = 0; k < g.units; k++) dot += a[g.unitOffset + k] * da[g.unitOffset + k];
        for (let j = 0; j < g.units; j++) dz[g.unitOffset + j] = a[g.unitOffset + j] * (da[g.unitOffset + j] - dot);
      }
    }
    const edges = incoming(g.id);
    for (let j = 0; j < g.units; j++) {
      const u = g.unitOffset + j;
      const alpha = act === 'prelu' && g.preluOffset >= 0 ? params[g.preluOffset + j] : null;
      const dfz = act === 'softmax' ? Number.NaN : ACTIVATION_INFO[act].df(z[u], alpha ?? undefined);
      // (+ 0 turns −0 from a switched-off unit into 0, so the tables do not show "-0")
      if (!fromLoss && act !== 'softmax') dz[u] = da[u] * dfz + 0;
      const weights: WeightGrad[] = [];
      for (const e of edges) {
        const from = byId.get(e.from)!;
        for (let i = 0; i < e.fromUnits; i++) {
          const aIn = a[from.unitOffset + i];
          const p = e.offset + i * e.toUnits + j;
          grads[p] = aIn * dz[u] + 0;
          weights.push({
            linkId: linkId(e.from, i, g.id, j),
            ref: { kind: 'weight', from: e.from, to: g.id, i, j },
            fromLabel: unitLabel(from, i),
            aIn,
            dw: grads[p]
          });
        }
      }
      if (g.biasOffset >= 0) grads[g.biasOffset + j] = dz[u];
      let dAlpha: number | null = null;
      if (alpha !== null) {
        dAlpha = z[u] > 0 ? 0 : da[u] * z[u] + 0;
        grads[g.preluOffset + j] = dAlpha;
      }
      const terms = fromLoss ? [] : termsPerUnit[j];
      steps.push({
        kind: 'backward',
        unitId: unitId(g.id, j),
        group: g.id,
        label: unitLabel(g, j),
        j,
        activation: act,
        fromLoss,
        terms,
        da: da[u],
        z: z[u],
        dfz,
        dz: dz[u],
        db: dz[u],
        weights,
        dAlpha,
        engineDa: trace.da[u],
        engineDz: trace.dz[u],
        highlight: { units: [unitId(g.id, j)], links: [...terms.map((t) => t.linkId), ...weights.map((w) => w.linkId)] }
      });
    }
  }

  lap('backward');
  // --- the update: every parameter, in layout order (groups in topological order)
  const rows: UpdateRow[] = [];
  for (const g of order) {
    if (isInput(g)) continue;
    for (const e of incoming(g.id)) {
      const from = byId.get(e.from)!;
      for (let i = 0; i < e.fromUnits; i++) {
        for (let j = 0; j < e.toUnits; j++) {
          const p = e.offset + i * e.toUnits + j;
          rows.push({
            ref: { kind: 'weight', from: e.from, to: g.id, i, j },
            label: `w ${unitLabel(from, i)}→${unitLabel(g, j)}`,
            value: params[p],
            grad: grads[p],
            engineGrad: trace.grads[p],
            linkId: linkId(e.from, i, g.id, j),
            unitId: null
          });
        }
      }
    }
    for (let j = 0; j < g.units; j++) {
      if (g.biasOffset >= 0) {
        const p = g.biasOffset + j;
        rows.push({
          ref: { kind: 'bias', group: g.id, j },
          label: `b ${unitLabel(g, j)}`,
          value: params[p],
          grad: grads[p],
          engineGrad: trace.grads[p],
          linkId: null,
          unitId: unitId(g.id, j)
        });
      }
      if (g.preluOffset >= 0) {
        const p = g.preluOffset + j;
        rows.push({
          ref: { kind: 'prelu', group: g.id, j },
          label: `slope ${unitLabel(g, j)}`,
          value: params[p],
          grad: grads[p],
          engineGrad: trace.grads[p],
          linkId: null,
          unitId: unitId(g.id, j)
        });
      }
    }
  }
  lap('rows');
  steps.push({
    kind: 'update',
    rows,
    highlight: {
      units: rows.flatMap((r) => (r.unitId ? [r.unitId] : [])),
      links: rows.flatMap((r) => (r.linkId ? [r.linkId] : []))
    }
  });
  lap('hl');
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
