/** One sample through the network, forward and backward, without any update, dropout or penalty (the backprop step-through). */
import type { SampleTrace, TrainSettings } from '../protocol';
import { backward } from './backward';
import type { Program } from './compile';
import { gather, type Dataset } from './dataset';
import { forward } from './forward';
import { batchLoss, batchLossGrad, isFused } from './losses';
import type { Workspace } from './workspace';

/** `ws` holds one sample; `grads` is scratch of the parameter count (copied into the trace). */
export function traceSample(
  program: Program,
  ws: Workspace,
  params: Float32Array,
  grads: Float32Array,
  data: Dataset,
  settings: TrainSettings,
  sampleIndex: number
): SampleTrace {
  if (!Number.isInteger(sampleIndex) || sampleIndex < 0 || sampleIndex >= data.table.count) {
    throw new Error(`Sample ${sampleIndex} does not exist (the data has ${data.table.count} samples).`);
  }
  gather(program, data, ws, Int32Array.of(sampleIndex), 0, 1);
  forward(program, ws, params, 1, null);
  const out = program.groups[program.output];
  const { loss: lossName, huberDelta } = settings;
  const loss = batchLoss(lossName, out.activation, ws.z[out.index], ws.a[out.index], ws.target, 1, out.units, huberDelta, null);
  backward(program, ws, params, grads, 1, lossName, huberDelta, true);
  // On the fused paths backward goes straight to dL/dz; dL/da is still worth showing.
  if (isFused(lossName, out.activation)) {
    batchLossGrad(lossName, 'linear', ws.a[out.index], ws.target, 1, out.units, huberDelta, ws.da[out.index]);
  }
  const unitCount = program.unitCount;
  const trace: SampleTrace = {
    z: new Float32Array(unitCount),
    a: new Float32Array(unitCount),
    dz: new Float32Array(unitCount),
    da: new Float32Array(unitCount),
    grads: grads.slice(),
    loss
  };
  for (const g of program.groups) {
    trace.z.set(ws.z[g.index].subarray(0, g.units), g.unitOffset);
    trace.a.set(ws.a[g.index].subarray(0, g.units), g.unitOffset);
    trace.dz.set(ws.dz[g.index].subarray(0, g.units), g.unitOffset);
    trace.da.set(ws.da[g.index].subarray(0, g.units), g.unitOffset);
  }
  return trace;
}
