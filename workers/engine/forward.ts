/**
 * The forward pass over a batch whose input groups are already filled (ws.a of each input group).
 * Groups run in topological order: z = bias + Σ over incoming edges of x·W (conv: bias + the
 * im2col product; pool and flatten: their map of the one parent), then a = f(z), then (training only)
 * inverted dropout into ws.out.
 */
import { activationForward } from './activations';
import type { Program } from './compile';
import { convForward } from './conv';
import { denseForward, fillBias } from './kernels';
import { poolForward } from './pool';
import type { Rng } from './random';
import type { Vec } from './vec';
import type { Workspace } from './workspace';

export function forward(program: Program, ws: Workspace, params: Vec, n: number, dropoutRng: Rng | null): void {
  const groups = program.groups;
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi];
    if (g.kind === 'input') {
      ws.out[gi] = ws.a[gi];
      continue;
    }
    const z = ws.z[gi];
    const a = ws.a[gi];
    const edges = g.inEdges;
    const conv = ws.conv[gi];
    const pool = ws.pool[gi];
    if (conv) {
      convForward(conv, ws.out[edges[0].from], params, g.kernelOffset, g.biasOffset, z, n, ws.col);
      activationForward(g.activation, z, a, n, g.units, params, g.preluOffset);
    } else if (pool) {
      poolForward(pool, ws.out[edges[0].from], a, ws.argmax[gi], n);
    } else if (g.layer?.type === 'flatten') {
      // HWC rows are already flat: Flatten is a copy (its own buffer keeps dropout and views simple).
      const x = ws.out[edges[0].from];
      const len = n * g.units;
      for (let i = 0; i < len; i++) a[i] = x[i];
    } else {
      fillBias(z, g.units, params, g.biasOffset, n);
      for (let e = 0; e < edges.length; e++) {
        const edge = edges[e];
        denseForward(ws.out[edge.from], edge.fromUnits, params, edge.offset, z, g.units, n);
      }
      activationForward(g.activation, z, a, n, g.units, params, g.preluOffset);
    }
    const dropped = ws.dropped[gi];
    const mask = ws.mask[gi];
    if (dropoutRng && dropped && mask) {
      // Inverted dropout: survivors are scaled by 1/(1 − rate) so evaluation needs no rescaling.
      const keep = 1 - g.dropout;
      const scale = 1 / keep;
      const len = n * g.units;
      for (let i = 0; i < len; i++) {
        const m = dropoutRng.next() < keep ? scale : 0;
        mask[i] = m;
        dropped[i] = a[i] * m;
      }
      ws.out[gi] = dropped;
    } else ws.out[gi] = a;
  }
}

/** Index of the first group (topological order) with a non-finite z or a in the first n rows, or -1. */
export function firstNonFiniteGroup(program: Program, ws: Workspace, n: number): { group: number; value: number } | null {
  for (let gi = 0; gi < program.groups.length; gi++) {
    const len = n * program.groups[gi].units;
    for (const buf of [ws.z[gi], ws.a[gi]]) {
      for (let i = 0; i < len; i++) {
        const v = buf[i];
        if (!Number.isFinite(v)) return { group: gi, value: v };
      }
    }
  }
  return null;
}
