/**
 * ONNX export: the drawn network as an `.onnx` inference graph (opset 13) with the trained weights as
 * initializers. A dense group is (Concat of its parents) → Gemm → its activation; conv, pool and flatten
 * groups are Conv / MaxPool / AveragePool / Flatten on NCHW maps; dropout is left out, as at inference. onnx.test.ts runs the file in onnxruntime and compares with our engine.
 */
import type { Activation, ImageShape, ParamLayout } from '../../../workers/protocol';
import { LEAKY_RELU_ALPHA, ELU_ALPHA } from '../../../workers/engine';
import type { NetworkDoc } from '../model/document';
import { ATTR_FLOAT, ATTR_INT, ATTR_INTS, ONNX_FLOAT, modelProto } from './onnx-proto';
import { buildPlan, samePads, type DensePlan } from './plan';

export const ONNX_OPSET = 13;
/** The IR version that goes with opset 13. */
const IR_VERSION = 7;

interface Attribute {
  name: string;
  type: number;
  f?: number;
  i?: number;
  ints?: number[];
}

interface Tensor {
  name: string;
  dims: number[];
  dataType: number;
  rawData: Uint8Array;
}

/** Collects nodes and initializers in the order they are added (parents first). */
export class OnnxGraph {
  readonly nodes: { name: string; opType: string; input: string[]; output: string[]; attribute: Attribute[] }[] = [];
  readonly initializers: Tensor[] = [];

  op(opType: string, input: string[], output: string, attribute: Attribute[] = []): string {
    this.nodes.push({ name: `${output}/${opType}`, opType, input, output: [output], attribute });
    return output;
  }

  /** A float32 initializer, stored little-endian as raw bytes. */
  weight(name: string, dims: number[], values: Float32Array): string {
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setFloat32(i * 4, v, true));
    this.initializers.push({ name, dims, dataType: ONNX_FLOAT, rawData: bytes });
    return name;
  }
}

export const floatAttr = (name: string, f: number): Attribute => ({ name, type: ATTR_FLOAT, f });
export const intAttr = (name: string, i: number): Attribute => ({ name, type: ATTR_INT, i });
export const intsAttr = (name: string, ints: number[]): Attribute => ({ name, type: ATTR_INTS, ints });

/** ONNX operators of the simple activations (one node, no attributes). */
const SIMPLE: Partial<Record<Activation, string>> = {
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  arctan: 'Atan',
  relu: 'Relu',
  softplus: 'Softplus'
};

/** Adds the nodes computing `activation(z)` and returns the name of the result, `out`. */
export function activationNodes(g: OnnxGraph, activation: Activation, z: string, out: string, prelu: Float32Array | null, slopeDims?: number[]): string {
  const simple = SIMPLE[activation];
  if (simple) return g.op(simple, [z], out);
  switch (activation) {
    case 'linear':
      return g.op('Identity', [z], out);
    case 'leaky_relu':
      return g.op('LeakyRelu', [z], out, [floatAttr('alpha', LEAKY_RELU_ALPHA)]);
    case 'elu':
      return g.op('Elu', [z], out, [floatAttr('alpha', ELU_ALPHA)]);
    case 'softmax':
      return g.op('Softmax', [z], out, [intAttr('axis', -1)]);
    case 'prelu': {
      // One slope per unit: [units], or [C, H, W] for a conv map (NCHW without the batch axis).
      return g.op('PRelu', [z, g.weight(`${out}.slope`, slopeDims ?? [prelu!.length], prelu!)], out);
    }
    case 'step': {
      // 1 where z >= 0, else 0; ONNX has no step operator.
      const zero = g.weight(`${out}.zero`, [], new Float32Array([0]));
      const mask = g.op('GreaterOrEqual', [z, zero], `${out}_mask`);
      return g.op('Cast', [mask], out, [intAttr('to', ONNX_FLOAT)]);
    }
  }
  throw new Error(`No ONNX operator for the ${activation} activation.`);
}

function denseNodes(g: OnnxGraph, layer: DensePlan, parents: string[]): void {
  const source = parents.length === 1 ? parents[0] : g.op('Concat', parents, layer.concatName!, [intAttr('axis', 1)]);
  const w = g.weight(`${layer.name}.weight`, [layer.fanIn, layer.units], layer.kernel);
  const b = g.weight(`${layer.name}.bias`, [layer.units], layer.bias);
  if (layer.activation === 'linear') {
    g.op('Gemm', [source, w, b], layer.name);
    return;
  }
  const z = g.op('Gemm', [source, w, b], `${layer.name}_z`);
  activationNodes(g, layer.activation, z, layer.name, layer.prelu);
}

/** Keras' kernel [k][k][in][out] as ONNX's [out][in][k][k]. */
function convWeight(kernel: Float32Array, k: number, inC: number, filters: number): Float32Array {
  const out = new Float32Array(kernel.length);
  for (let y = 0; y < k; y++)
    for (let x = 0; x < k; x++)
      for (let c = 0; c < inC; c++)
        for (let f = 0; f < filters; f++) out[((f * inC + c) * k + y) * k + x] = kernel[((y * k + x) * inC + c) * filters + f];
  return out;
}

/** Our per-unit values in HWC order as CHW, to broadcast over an NCHW map. */
function hwcToChw(values: Float32Array, shape: ImageShape): Float32Array {
  const { height: h, width: w, channels: c } = shape;
  const out = new Float32Array(values.length);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) out[(k * h + y) * w + x] = values[(y * w + x) * c + k];
  return out;
}

/**
 * Conv, pool and flatten nodes. Their image values are NCHW inside the graph (ONNX's layout); flatten
 * transposes back to our HWC order first, so the Dense kernels after it keep their row order.
 */
function spatialNodes(g: OnnxGraph, layer: DensePlan, source: string): void {
  const spec = layer.layer!;
  if (spec.type === 'flatten') {
    const hwc = g.op('Transpose', [source], `${layer.name}_hwc`, [intsAttr('perm', [0, 2, 3, 1])]);
    g.op('Flatten', [hwc], layer.name, [intAttr('axis', 1)]);
    return;
  }
  if (spec.type === 'pool2d') {
    const attrs = [intsAttr('kernel_shape', [spec.poolSize, spec.poolSize]), intsAttr('strides', [spec.stride, spec.stride])];
    g.op(spec.mode === 'max' ? 'MaxPool' : 'AveragePool', [source], layer.name, attrs);
    return;
  }
  const input = layer.inputShape!;
  const k = spec.kernelSize;
  if (layer.activation === 'softmax') throw new Error(`ONNX export: node ${layer.label || layer.id} is a convolution with softmax; use another activation.`);
  const [top, bottom] = spec.padding === 'same' ? samePads(input.height, k, spec.stride) : [0, 0];
  const [left, right] = spec.padding === 'same' ? samePads(input.width, k, spec.stride) : [0, 0];
  const w = g.weight(`${layer.name}.weight`, [spec.filters, input.channels, k, k], convWeight(layer.kernel, k, input.channels, spec.filters));
  const b = g.weight(`${layer.name}.bias`, [spec.filters], layer.bias);
  const attrs = [intsAttr('kernel_shape', [k, k]), intsAttr('strides', [spec.stride, spec.stride]), intsAttr('pads', [top, left, bottom, right])];
  if (layer.activation === 'linear') {
    g.op('Conv', [source, w, b], layer.name, attrs);
    return;
  }
  const z = g.op('Conv', [source, w, b], `${layer.name}_z`, attrs);
  const out = layer.shape!;
  activationNodes(g, layer.activation, z, layer.name, layer.prelu && hwcToChw(layer.prelu, out), [out.channels, out.height, out.width]);
}

/** A float tensor value with a symbolic batch axis. */
export function valueInfo(name: string, dims: number[]) {
  return {
    name,
    type: { tensorType: { elemType: ONNX_FLOAT, shape: { dim: [{ dimParam: 'batch' }, ...dims.map((d) => ({ dimValue: d }))] } } }
  };
}

/** Encodes a finished graph as ModelProto bytes. */
export async function encodeModel(g: OnnxGraph, inputs: ReturnType<typeof valueInfo>[], outputs: ReturnType<typeof valueInfo>[], name: string): Promise<Uint8Array> {
  const ModelProto = await modelProto();
  const model = {
    irVersion: IR_VERSION,
    producerName: 'Axon',
    producerVersion: '1',
    modelVersion: 1,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    graph: { name, node: g.nodes, initializer: g.initializers, input: inputs, output: outputs }
  };
  const problem = ModelProto.verify(model);
  if (problem) throw new Error(`The ONNX model could not be written: ${problem}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}

/**
 * The `.onnx` bytes: one graph input per input node (named like the node, shape [batch, features]) and one
 * output (the output node's name). Throws an Error when the weights do not match the document.
 */
export async function onnxModel(doc: NetworkDoc, layout: ParamLayout, params: Float32Array, modelName = 'axon'): Promise<Uint8Array> {
  const plan = buildPlan(doc, layout, params);
  const g = new OnnxGraph();
  // The graph value each plan name reads: image inputs come in as NHWC (our layout) and are transposed once.
  const value = new Map<string, string>();
  for (const input of plan.inputs) {
    if (input.image) value.set(input.name, g.op('Transpose', [input.name], `${input.name}_nchw`, [intsAttr('perm', [0, 3, 1, 2])]));
  }
  for (const layer of plan.layers) {
    const parents = layer.parents.map((p) => value.get(p) ?? p);
    if (layer.layer) spatialNodes(g, layer, parents[0]);
    else denseNodes(g, layer, parents);
  }
  const inputShape = (i: (typeof plan.inputs)[number]) => (i.image ? [i.image.height, i.image.width, i.image.channels] : [i.units]);
  return encodeModel(
    g,
    plan.inputs.map((i) => valueInfo(i.name, inputShape(i))),
    [valueInfo(plan.output.name, [plan.output.units])],
    modelName
  );
}
