/**
 * The proof of the ONNX export: onnxruntime (the WebAssembly build, in node) loads the bytes we write and
 * predicts what our engine predicts on 20 inputs, within 1e-5.
 */
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Activation } from '../../../workers/protocol';
import { CONV_NET, DENSE_STACK, PRELU_NET, SKIP_DAG, type TestNetwork } from './__fixtures__/networks';
import { referenceRun, relativeDifference } from './__fixtures__/reference';
import { onnxModel } from './onnx';

const COUNT = 20;

beforeAll(() => {
  ort.env.wasm.numThreads = 1;
});

async function compare(net: TestNetwork, seed: number, activation?: Activation, trainSteps = 0) {
  const changed = structuredClone(net);
  if (activation) changed.doc.nodes.filter((n) => n.kind === 'dense' || n.kind === 'conv').forEach((n) => (n.activation = activation));
  const run = referenceRun(changed, seed, COUNT, trainSteps);
  const images = changed.doc.nodes.filter((n) => n.kind === 'input').map((n) => n.image);
  const bytes = await onnxModel(changed.doc, run.program.layout, run.params);
  const session = await ort.InferenceSession.create(bytes);
  const feeds: Record<string, ort.Tensor> = {};
  session.inputNames.forEach((name, i) => {
    const image = images[i];
    const dims = image ? [COUNT, image.height, image.width, image.channels] : [COUNT, run.inputs[i].units];
    feeds[name] = new ort.Tensor('float32', run.inputs[i].values, dims);
  });
  const result = await session.run(feeds);
  const theirs = Array.from(result[session.outputNames[0]].data as Float32Array);
  const names = { inputs: [...session.inputNames], outputs: [...session.outputNames] };
  await session.release();
  return { run, theirs, names };
}

describe('onnxModel, run by onnxruntime', () => {
  it('a Dense stack predicts what our engine predicts', async () => {
    const { run, theirs, names } = await compare(DENSE_STACK, 31);
    expect(names).toEqual({ inputs: ['x'], outputs: ['out'] });
    expect(theirs).toHaveLength(COUNT);
    expect(relativeDifference(run.ours, theirs)).toBeLessThan(1e-5);
  });

  it('a DAG with a skip connection and a two-parent group predicts what our engine predicts', async () => {
    const { run, theirs, names } = await compare(SKIP_DAG, 32);
    expect(names).toEqual({ inputs: ['x', 'squares'], outputs: ['y'] });
    expect(relativeDifference(run.ours, theirs)).toBeLessThan(1e-5);
  });

  it('a PReLU net with dropout, ELU and softmax predicts what our engine predicts', async () => {
    const { run, theirs } = await compare(PRELU_NET, 33);
    expect(theirs).toHaveLength(COUNT * 3);
    expect(relativeDifference(run.ours, theirs)).toBeLessThan(1e-5);
  });

  it('a trained conv net (NHWC in, Conv / MaxPool / AveragePool / Flatten inside) predicts what our engine predicts', async () => {
    const { run, theirs, names } = await compare(CONV_NET, 35, undefined, 5);
    expect(names).toEqual({ inputs: ['image'], outputs: ['digit'] });
    expect(theirs).toHaveLength(COUNT * 3);
    expect(relativeDifference(run.ours, theirs)).toBeLessThan(1e-5);
  });

  it.each(['prelu', 'leaky_relu', 'step'] as const)('a conv net with %s convolutions predicts what our engine predicts', async (activation) => {
    const { run, theirs } = await compare(CONV_NET, 36, activation);
    expect(relativeDifference(run.ours, theirs)).toBeLessThan(1e-5);
  });

  it.each(['step', 'arctan', 'sigmoid', 'relu', 'softplus', 'linear'] as const)('hidden %s layers compute what ours compute', async (activation) => {
    const { run, theirs } = await compare(DENSE_STACK, 34, activation);
    expect(relativeDifference(run.ours, theirs)).toBeLessThan(1e-5);
  });
});
