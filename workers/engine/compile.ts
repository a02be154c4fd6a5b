/**
 * compile(spec) → Program: checks the network spec, orders the groups topologically and lays out
 * every parameter in one flat buffer. Refusals name the groups involved, all problems at once.
 */
import type {
  Activation,
  EdgeLayout,
  Feature,
  GroupKind,
  GroupLayout,
  ImageShape,
  LayerSpec,
  NetworkSpec,
  ParamLayout
} from '../protocol';
import { ACTIVATIONS } from './registry';
import { inferShapes } from './shapes';
import { topologicalOrder } from './topological';

export class SpecError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'SpecError';
    this.problems = problems;
  }
}

/** What an edge computes: the layer of the group it goes into (dense unless that group has a layer). */
export type EdgeOp = 'dense' | 'conv' | 'pool' | 'flatten';

/** A connection in the compiled program; from/to are indices into Program.groups. */
export interface ProgramEdge {
  from: number;
  to: number;
  op: EdgeOp;
  /** dense: weights[i][j] at params[offset + i * toUnits + j]; conv: the Keras kernel; pool/flatten: -1 */
  offset: number;
  fromUnits: number;
  toUnits: number;
  /** parameters on this edge: fromUnits·toUnits (dense), k·k·inChannels·filters (conv), 0 (pool, flatten) */
  weightCount: number;
}

/** A group in topological order, with everything the forward/backward loops need. */
export interface ProgramGroup {
  index: number;
  id: string;
  /** display name for messages */
  name: string;
  kind: GroupKind;
  units: number;
  activation: Activation;
  unitOffset: number;
  biasOffset: number;
  /** biases at biasOffset: one per unit, one per filter for conv, none for input, pool and flatten */
  biasCount: number;
  preluOffset: number;
  paramCount: number;
  /** input groups: one feature per unit */
  features: Feature[] | null;
  dropout: number;
  l1: number;
  l2: number;
  /** sum of the units of every parent (the fan-in for initialisers); conv: k·k·inChannels (Keras) */
  fanIn: number;
  /** the fan-out for initialisers: units; conv: k·k·filters (Keras) */
  fanOut: number;
  /** conv, pool and flatten groups: their layer; null for dense and input groups */
  layer: LayerSpec | null;
  /** image groups (image inputs, conv, pool): the output shape; null for flat groups */
  shape: ImageShape | null;
  /** conv and pool groups: the shape of their one parent */
  inShape: ImageShape | null;
  /** conv groups: where the kernel starts ([kh][kw][inChannels][filters]); -1 otherwise */
  kernelOffset: number;
  inEdges: ProgramEdge[];
  outEdges: ProgramEdge[];
}

export interface Program {
  spec: NetworkSpec;
  layout: ParamLayout;
  /** topological order: every group after all of its parents (inputs first) */
  groups: ProgramGroup[];
  edges: ProgramEdge[];
  /** index of the output group in `groups` */
  output: number;
  paramCount: number;
  unitCount: number;
}

const FEATURE_OPS: readonly string[] = ['id', 'square', 'sin', 'product'];

const label = (name: string | undefined, id: string): string => `"${name ?? id}"`;

export function compile(spec: NetworkSpec): Program {
  const problems: string[] = [];
  const byId = new Map<string, number>();
  const groups = spec.groups;
  const nameOf = (i: number): string => groups[i].name ?? groups[i].id;

  groups.forEach((g, i) => {
    if (byId.has(g.id)) problems.push(`duplicate group id "${g.id}"`);
    else byId.set(g.id, i);
    const units = g.units;
    const inferred = (g.kind === 'input' && g.image !== undefined) || (g.kind === 'hidden' && g.layer !== undefined);
    if (!inferred && (!Number.isInteger(units) || units < 1)) {
      problems.push(`group ${label(g.name, g.id)} has ${units} units: a group needs a whole number ≥ 1`);
    }
    if (g.kind === 'input' && g.image !== undefined) {
      if (g.features !== undefined && g.features.length > 0) problems.push(`image input ${label(g.name, g.id)} has features: an image input reads its pixels`);
    } else if (g.kind === 'input') {
      const count = g.features?.length ?? 0;
      if (count !== units) {
        problems.push(`input group ${label(g.name, g.id)} has ${units} units but ${count} features: one feature per unit`);
      }
      for (const f of g.features ?? []) {
        if (!FEATURE_OPS.includes(f.op)) {
          problems.push(`input group ${label(g.name, g.id)} has unknown feature "${f.op}"`);
          continue;
        }
        const bad = !Number.isInteger(f.a) || f.a < 0 || (f.op === 'product' && (!Number.isInteger(f.b) || (f.b as number) < 0));
        if (bad) problems.push(`input group ${label(g.name, g.id)} has a feature with an invalid column index`);
      }
    } else {
      if (!(ACTIVATIONS as readonly string[]).includes(g.activation)) {
        problems.push(`group ${label(g.name, g.id)} has unknown activation "${g.activation}"`);
      }
      if (g.activation === 'softmax' && units === 1) {
        problems.push(`softmax group ${label(g.name, g.id)} has 1 unit: softmax needs at least 2`);
      }
    }
    const dropout = g.dropout ?? 0;
    if (!(dropout >= 0 && dropout < 1)) {
      problems.push(`group ${label(g.name, g.id)} has dropout ${dropout}: it must be in [0, 1)`);
    }
    for (const key of ['l1', 'l2'] as const) {
      const v = g[key] ?? 0;
      if (!(v >= 0 && Number.isFinite(v))) problems.push(`group ${label(g.name, g.id)} has ${key} ${v}: it must be ≥ 0`);
    }
  });

  const outputs = groups.filter((g) => g.kind === 'output');
  if (outputs.length !== 1) {
    const names = outputs.map((g) => label(g.name, g.id)).join(', ');
    problems.push(`the network needs exactly one output group (found ${outputs.length}${names ? `: ${names}` : ''})`);
  }

  // Adjacency over spec indices, only for edges that make sense.
  const children: number[][] = groups.map(() => []);
  const parents: number[][] = groups.map(() => []);
  const seenEdges = new Set<string>();
  const validEdges: { from: number; to: number }[] = [];
  for (const e of spec.edges) {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (from === undefined || to === undefined) {
      const missing = [from === undefined ? e.from : null, to === undefined ? e.to : null].filter((x) => x !== null);
      problems.push(`edge from "${e.from}" to "${e.to}" refers to unknown group ${missing.map((m) => `"${m}"`).join(' and ')}`);
      continue;
    }
    if (groups[to].kind === 'input') {
      problems.push(`edge from ${label(groups[from].name, e.from)} into input group ${label(groups[to].name, e.to)}: inputs take no connections`);
      continue;
    }
    if (groups[from].kind === 'output') {
      problems.push(`edge from output group ${label(groups[from].name, e.from)} to ${label(groups[to].name, e.to)}: the output feeds nothing`);
      continue;
    }
    const key = `${from}>${to}`;
    if (seenEdges.has(key)) {
      problems.push(`duplicate edge from ${label(groups[from].name, e.from)} to ${label(groups[to].name, e.to)}`);
      continue;
    }
    seenEdges.add(key);
    children[from].push(to);
    parents[to].push(from);
    validEdges.push({ from, to });
  }

  // Cycles: depth-first search with colours; report each cycle's path once.
  const colour = new Uint8Array(groups.length); // 0 new, 1 on stack, 2 done
  const stack: number[] = [];
  let hasCycle = false;
  const visit = (v: number): void => {
    colour[v] = 1;
    stack.push(v);
    for (const w of children[v]) {
      if (colour[w] === 1) {
        hasCycle = true;
        const path = stack.slice(stack.indexOf(w)).map(nameOf);
        problems.push(`cycle: ${[...path, nameOf(w)].join(' → ')}`);
      } else if (colour[w] === 0) visit(w);
    }
    stack.pop();
    colour[v] = 2;
  };
  for (let i = 0; i < groups.length; i++) if (colour[i] === 0) visit(i);

  // Reachability: forward from inputs, backward from the output.
  const fromInputs = new Uint8Array(groups.length);
  const toOutput = new Uint8Array(groups.length);
  const flood = (start: number[], next: number[][], mark: Uint8Array): void => {
    const queue = [...start];
    for (const s of start) mark[s] = 1;
    while (queue.length) {
      const v = queue.pop() as number;
      for (const w of next[v]) {
        if (!mark[w]) {
          mark[w] = 1;
          queue.push(w);
        }
      }
    }
  };
  flood(
    groups.flatMap((g, i) => (g.kind === 'input' ? [i] : [])),
    children,
    fromInputs
  );
  const outputIndex = groups.findIndex((g) => g.kind === 'output');
  if (outputs.length === 1) {
    flood([outputIndex], parents, toOutput);
    if (!fromInputs[outputIndex]) problems.push(`output ${label(groups[outputIndex].name, groups[outputIndex].id)} is not reachable from any input`);
    groups.forEach((g, i) => {
      if (i === outputIndex) return;
      if (!toOutput[i]) problems.push(`group ${label(g.name, g.id)} is not connected to the output`);
      else if (!fromInputs[i]) problems.push(`group ${label(g.name, g.id)} is not reachable from any input`);
    });
  }

  const shapes = inferShapes(spec);
  for (const p of shapes.problems) problems.push(p.message);

  if (problems.length > 0 || hasCycle) throw new SpecError(problems);

  // Ties in spec order, so the layout is stable.
  const order = topologicalOrder(groups, spec.edges).map((g) => groups.indexOf(g));
  const position = new Map<number, number>();
  order.forEach((specIndex, pos) => position.set(specIndex, pos));

  const programGroups: ProgramGroup[] = order.map((si, index) => {
    const g = groups[si];
    const layer = g.kind === 'hidden' && g.layer ? { ...g.layer } : null;
    const linear = g.kind === 'input' || (layer !== null && layer.type !== 'conv2d');
    return {
      index,
      id: g.id,
      name: g.name ?? g.id,
      kind: g.kind,
      units: shapes.units[g.id],
      activation: linear ? 'linear' : g.activation,
      unitOffset: 0,
      biasOffset: -1,
      biasCount: 0,
      preluOffset: -1,
      paramCount: 0,
      features: g.kind === 'input' && !g.image ? (g.features ?? []).map((f) => ({ ...f })) : null,
      dropout: g.dropout ?? 0,
      l1: g.l1 ?? 0,
      l2: g.l2 ?? 0,
      fanIn: 0,
      fanOut: shapes.units[g.id],
      layer,
      shape: shapes.shapes[g.id],
      inShape: null,
      kernelOffset: -1,
      inEdges: [],
      outEdges: []
    };
  });

  // Parameters in topological order; within a group: incoming weights (spec edge order), biases, PReLU slopes.
  const programEdges: ProgramEdge[] = [];
  let offset = 0;
  let unitOffset = 0;
  for (const g of programGroups) {
    g.unitOffset = unitOffset;
    unitOffset += g.units;
    if (g.kind === 'input') continue;
    const start = offset;
    const op: EdgeOp = g.layer === null ? 'dense' : g.layer.type === 'conv2d' ? 'conv' : g.layer.type === 'pool2d' ? 'pool' : 'flatten';
    for (const e of validEdges) {
      if (position.get(e.to) !== g.index) continue;
      const from = programGroups[position.get(e.from) as number];
      let weightCount = from.units * g.units;
      g.fanIn += from.units;
      if (g.layer !== null) {
        g.inShape = from.shape;
        weightCount = 0;
        if (g.layer.type === 'conv2d' && from.shape) {
          const k2 = g.layer.kernelSize * g.layer.kernelSize;
          g.fanIn = k2 * from.shape.channels;
          g.fanOut = k2 * g.layer.filters;
          g.kernelOffset = offset;
          weightCount = g.fanIn * g.layer.filters;
        }
      }
      const edge: ProgramEdge = { from: from.index, to: g.index, op, offset: weightCount > 0 || op === 'dense' ? offset : -1, fromUnits: from.units, toUnits: g.units, weightCount };
      offset += weightCount;
      g.inEdges.push(edge);
      from.outEdges.push(edge);
      programEdges.push(edge);
    }
    if (op === 'pool' || op === 'flatten') continue;
    g.biasOffset = offset;
    g.biasCount = g.layer?.type === 'conv2d' ? g.layer.filters : g.units;
    offset += g.biasCount;
    if (g.activation === 'prelu') {
      g.preluOffset = offset;
      offset += g.units;
    }
    g.paramCount = offset - start;
  }

  const layout: ParamLayout = {
    paramCount: offset,
    unitCount: unitOffset,
    groups: programGroups.map(
      (g): GroupLayout => ({
        id: g.id,
        units: g.units,
        unitOffset: g.unitOffset,
        biasOffset: g.biasOffset,
        preluOffset: g.preluOffset,
        paramCount: g.paramCount,
        ...(g.shape ? { shape: { ...g.shape } } : {}),
        ...(g.layer ? { layer: { ...g.layer } } : {}),
        ...(g.kernelOffset >= 0 ? { kernelOffset: g.kernelOffset } : {}),
        ...(g.inShape ? { inputShape: { ...g.inShape } } : {})
      })
    ),
    edges: programEdges.filter((e) => e.op === 'dense').map(
      (e): EdgeLayout => ({
        from: programGroups[e.from].id,
        to: programGroups[e.to].id,
        offset: e.offset,
        fromUnits: e.fromUnits,
        toUnits: e.toUnits
      })
    )
  };

  return {
    spec,
    layout,
    groups: programGroups,
    edges: programEdges,
    output: position.get(outputIndex) as number,
    paramCount: offset,
    unitCount: unitOffset
  };
}
