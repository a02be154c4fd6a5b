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
import type { Activation, EdgeLayout, GroupLayout, ParamLayout, SampleTrace } from '../../../../workers/protocol';
import { ACTIVATION_INFO, topologicalOrder } from '../../../../workers/engine';
import type { NetworkDoc } from '../../model/document';

export * from './backprop-step-types';
export * from './backprop-step-help';
import type {
  BackwardTerm,
  ForwardTerm,
  Highlight,
  InputsStep,
  LossStep,
  Step,
  UpdateRow,
  WeightGrad
} from './backprop-step-types';
import { MAX_HIGHLIGHT_LINKS } from './backprop-step-types';
import { agrees } from './backprop-step-help';

export const unitId = (group: string, j: number): string => `${group}:${j}`;
export const linkId = (from: string, i: number, to: string, j: number): string => `${from}:${i}->${to}:${j}`;

/** Groups in topological order (Kahn), ties broken by layout order so the result is stable. */
export function topoOrder(layout: ParamLayout): GroupLayout[] {
  return topologicalOrder(layout.groups, layout.edges);
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

  /**
   * Every link into (`in`) or out of (`out`) unit j of g, as the caller's record: the unit at the
   * link's other end, its index there, the link's weight, its parameter index and its id.
   */
  const linksOf = <T>(
    g: GroupLayout,
    j: number,
    side: 'in' | 'out',
    make: (other: GroupLayout, k: number, w: number, index: number, link: string) => T
  ): T[] => {
    const list: T[] = [];
    for (const e of side === 'in' ? incoming(g.id) : outgoing(g.id)) {
      const other = byId.get(side === 'in' ? e.from : e.to)!;
      const count = side === 'in' ? e.fromUnits : e.toUnits;
      for (let k = 0; k < count; k++) {
        const index = e.offset + (side === 'in' ? k * e.toUnits + j : j * e.toUnits + k);
        const link = side === 'in' ? linkId(e.from, k, g.id, j) : linkId(g.id, j, e.to, k);
        list.push(make(other, k, params[index], index, link));
      }
    }
    return list;
  };

  const forwardTerms = (g: GroupLayout, j: number) => (): ForwardTerm[] =>
    linksOf(g, j, 'in', (from, i, w, _index, link) => ({
      linkId: link,
      fromUnit: unitId(from.id, i),
      fromLabel: unitLabel(from, i),
      w,
      a: a[from.unitOffset + i]
    }));

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
      const terms = once((): BackwardTerm[] =>
        fromLoss
          ? []
          : linksOf(g, j, 'out', (to, k, w, _index, link) => ({
              linkId: link,
              toUnit: unitId(to.id, k),
              toLabel: unitLabel(to, k),
              w,
              dz: dz[to.unitOffset + k]
            }))
      );
      const weights = once((): WeightGrad[] =>
        linksOf(g, j, 'in', (from, i, _w, index, link) => ({
          linkId: link,
          ref: { kind: 'weight', from: from.id, to: g.id, i, j },
          fromLabel: unitLabel(from, i),
          aIn: a[from.unitOffset + i],
          dw: grads[index]
        }))
      );
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
