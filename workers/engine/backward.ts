/**
 * The backward pass: gradients of the mean batch loss with respect to every parameter, written
 * into `grads` (zeroed here). Needs the forward pass of the same batch in `ws` and its targets in ws.target.
 * Reverse topological order guarantees a group's dL/da is complete (summed over all of its children)
 * before it is turned into dL/dz.
 */
import type { Loss } from '../protocol';
import { activationBackward } from './activations';
import type { Program } from './compile';
import { convBackward } from './conv';
import { denseBackwardInput, denseBackwardWeights, sumBias } from './kernels';
import { batchLossGrad, isFused } from './losses';
import { poolBackward } from './pool';
import type { Vec } from './vec';
import type { Workspace } from './workspace';

export function backward(
  program: Program,
  ws: Workspace,
  params: Vec,
  grads: Vec,
  n: number,
  loss: Loss,
  huberDelta: number,
  inputGrads = false
): void {
  grads.fill(0);
  const groups = program.groups;
  for (let gi = 0; gi < groups.length; gi++) {
    if (gi !== program.output && (groups[gi].kind !== 'input' || inputGrads)) ws.da[gi].fill(0, 0, n * groups[gi].units);
  }
  const out = groups[program.output];
  const oi = program.output;
  if (isFused(loss, out.activation)) {
    // ws.da of the output is left as it was: the fused path never needs it (trace computes it apart).
    batchLossGrad(loss, out.activation, ws.a[oi], ws.target, n, out.units, huberDelta, ws.dz[oi]);
  } else {
    batchLossGrad(loss, out.activation, ws.a[oi], ws.target, n, out.units, huberDelta, ws.da[oi]);
  }
  for (let gi = groups.length - 1; gi >= 0; gi--) {
    const g = groups[gi];
    if (g.kind === 'input') continue;
    const dz = ws.dz[gi];
    const da = ws.da[gi];
    if (!(gi === oi && isFused(loss, g.activation))) {
      const mask = ws.mask[gi];
      if (mask && ws.out[gi] !== ws.a[gi]) {
        const len = n * g.units;
        for (let i = 0; i < len; i++) da[i] *= mask[i];
      }
      // Pools and flattens have no activation (their dz is their da).
      if (dz !== da) activationBackward(g.activation, ws.z[gi], ws.a[gi], da, dz, n, g.units, params, grads, g.preluOffset);
    }
    const edges = g.inEdges;
    if (g.layer !== null) {
      const from = edges[0].from;
      const dx = groups[from].kind !== 'input' || inputGrads ? ws.da[from] : null;
      const conv = ws.conv[gi];
      const pool = ws.pool[gi];
      if (conv) convBackward(conv, ws.out[from], params, grads, g.kernelOffset, g.biasOffset, dz, dx, n, ws.col, ws.dcol);
      else if (pool && dx) poolBackward(pool, dz, dx, ws.argmax[gi], n);
      else if (dx) {
        const len = n * g.units;
        for (let i = 0; i < len; i++) dx[i] += dz[i];
      }
      continue;
    }
    sumBias(dz, g.units, grads, g.biasOffset, n);
    for (let e = 0; e < edges.length; e++) {
      const edge = edges[e];
      denseBackwardWeights(ws.out[edge.from], edge.fromUnits, dz, g.units, grads, edge.offset, n);
      if (groups[edge.from].kind !== 'input' || inputGrads) {
        denseBackwardInput(dz, g.units, params, edge.offset, ws.da[edge.from], edge.fromUnits, n);
      }
    }
  }
}
