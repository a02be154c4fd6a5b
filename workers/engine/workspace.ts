/**
 * Preallocated buffers for one batch capacity: everything forward/backward write, so the training
 * loop allocates nothing. One workspace per use (training batch, evaluation chunk, single-sample trace).
 */
import type { Program } from './compile';
import { blockViews, convGeometry, type ConvBuffers } from './conv';
import { poolGeometry, type PoolGeometry } from './pool';
import type { Vec, VecCtor } from './vec';

export interface Workspace {
  /** the most samples one pass may hold */
  capacity: number;
  /** per group (topological index), capacity × units, row-major; inputs, pools and flattens: z === a */
  z: Vec[];
  a: Vec[];
  /** what children read: a, or the dropout-scaled copy while training with dropout */
  out: Vec[];
  /** dropout-scaled activations (hidden groups with dropout > 0 only; dropout elsewhere is ignored) */
  dropped: (Vec | null)[];
  /** dropout multipliers: 0 or 1 / (1 − rate) */
  mask: (Vec | null)[];
  /** dL/da and dL/dz; inputs, pools and flattens: da === dz; inputs filled only when asked for (trace) */
  da: Vec[];
  dz: Vec[];
  /** targets of the samples in the pass, capacity × output units */
  target: Vec;
  /** per-sample loss of the last loss evaluation */
  sampleLoss: Vec;
  /** per group: conv geometry and block views (conv groups only) */
  conv: (ConvBuffers | null)[];
  /** per group: pool geometry (pool groups only) */
  pool: (PoolGeometry | null)[];
  /** max-pool groups: the input index each output took, capacity × units */
  argmax: (Int32Array | null)[];
  /** im2col scratch shared by every conv group, and its gradient */
  col: Vec;
  dcol: Vec;
}

export interface WorkspaceOptions {
  /** false: forward passes only (evaluation, inference): no dL/da, dL/dz or dropout buffers */
  backward?: boolean;
}

export function createWorkspace(program: Program, capacity: number, Ctor: VecCtor = Float32Array, options: WorkspaceOptions = {}): Workspace {
  const withBackward = options.backward ?? true;
  const rows = Math.max(1, capacity);
  const size = (g: { units: number }): number => rows * g.units;
  const empty = new Ctor(0);
  const z: Vec[] = [];
  const a: Vec[] = [];
  const da: Vec[] = [];
  const dz: Vec[] = [];
  const dropped: (Vec | null)[] = [];
  const mask: (Vec | null)[] = [];
  const conv: (ConvBuffers | null)[] = [];
  const pool: (PoolGeometry | null)[] = [];
  const argmax: (Int32Array | null)[] = [];
  let colSize = 0;
  for (const g of program.groups) {
    // Inputs, pools and flattens have no activation of their own: one buffer serves as z and a.
    const sameZ = g.kind === 'input' || (g.layer !== null && g.layer.type !== 'conv2d');
    const act = new Ctor(size(g));
    a.push(act);
    z.push(sameZ ? act : new Ctor(size(g)));
    const grad = withBackward ? new Ctor(size(g)) : empty;
    da.push(grad);
    dz.push(sameZ || !withBackward ? grad : new Ctor(size(g)));
    const hasDropout = withBackward && g.dropout > 0 && g.kind === 'hidden';
    dropped.push(hasDropout ? new Ctor(size(g)) : null);
    mask.push(hasDropout ? new Ctor(size(g)) : null);
    const layer = g.layer;
    if (layer?.type === 'conv2d' && g.inShape && g.shape) {
      const geo = convGeometry(layer, g.inShape, g.shape);
      colSize = Math.max(colSize, Math.min(geo.blockSamples, rows) * geo.outH * geo.outW * geo.patch);
      conv.push({ geo, zBlocks: blockViews(geo, z[g.index], rows), dzBlocks: blockViews(geo, dz[g.index], rows) });
    } else conv.push(null);
    const pg = layer?.type === 'pool2d' && g.inShape && g.shape ? poolGeometry(layer, g.inShape, g.shape) : null;
    pool.push(pg);
    argmax.push(pg?.max ? new Int32Array(size(g)) : null);
  }
  const outUnits = program.groups[program.output].units;
  return {
    capacity,
    z,
    a,
    out: a.slice(),
    dropped,
    mask,
    da,
    dz,
    target: new Ctor(rows * outUnits),
    sampleLoss: new Ctor(rows),
    conv,
    pool,
    argmax,
    col: new Ctor(colSize),
    dcol: withBackward ? new Ctor(colSize) : empty
  };
}
