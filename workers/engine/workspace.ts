/**
 * Preallocated buffers for one batch capacity: everything forward/backward write, so the training
 * loop allocates nothing. One workspace per use (training batch, evaluation chunk, single-sample trace).
 */
import type { Program } from './compile';
import type { Vec, VecCtor } from './vec';

export interface Workspace {
  /** the most samples one pass may hold */
  capacity: number;
  /** per group (topological index), capacity × units, row-major; inputs: z === a (the feature values) */
  z: Vec[];
  a: Vec[];
  /** what children read: a, or the dropout-scaled copy while training with dropout */
  out: Vec[];
  /** dropout-scaled activations (hidden groups with dropout > 0 only; dropout elsewhere is ignored) */
  dropped: (Vec | null)[];
  /** dropout multipliers: 0 or 1 / (1 − rate) */
  mask: (Vec | null)[];
  /** dL/da and dL/dz; inputs: da === dz, filled only when asked for (trace) */
  da: Vec[];
  dz: Vec[];
  /** targets of the samples in the pass, capacity × output units */
  target: Vec;
  /** per-sample loss of the last loss evaluation */
  sampleLoss: Vec;
}

export function createWorkspace(program: Program, capacity: number, Ctor: VecCtor = Float32Array): Workspace {
  const size = (g: { units: number }): number => Math.max(1, capacity) * g.units;
  const z: Vec[] = [];
  const a: Vec[] = [];
  const da: Vec[] = [];
  const dz: Vec[] = [];
  const dropped: (Vec | null)[] = [];
  const mask: (Vec | null)[] = [];
  for (const g of program.groups) {
    const act = new Ctor(size(g));
    a.push(act);
    z.push(g.kind === 'input' ? act : new Ctor(size(g)));
    const grad = new Ctor(size(g));
    da.push(grad);
    dz.push(g.kind === 'input' ? grad : new Ctor(size(g)));
    const hasDropout = g.dropout > 0 && g.kind === 'hidden';
    dropped.push(hasDropout ? new Ctor(size(g)) : null);
    mask.push(hasDropout ? new Ctor(size(g)) : null);
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
    target: new Ctor(Math.max(1, capacity) * outUnits),
    sampleLoss: new Ctor(Math.max(1, capacity))
  };
}
