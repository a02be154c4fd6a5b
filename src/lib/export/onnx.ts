/**
 * ONNX export: the drawn network as an `.onnx` inference graph (opset 13) with the trained weights as
 * initializers. A group is (Concat of its parents) → Gemm → its activation; dropout is left out, as at
 * inference. onnx.test.ts runs the file in onnxruntime and compares with our engine.
 */
import type { Activation, ParamLayout } from '../../../workers/protocol';
import { LEAKY_RELU_ALPHA, ELU_ALPHA } from '../../../workers/engine';
import type { NetworkDoc } from '../model/document';
import { ATTR_FLOAT, ATTR_INT, ATTR_INTS, ONNX_FLOAT, modelProto } from './onnx-proto';
import { buildPlan, type DensePlan } from './plan';

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
export function activationNodes(g: OnnxGraph, activation: Activation, z: string, out: string, prelu: Float32Array | null, channelAxis = false): string {
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
      // One slope per unit (per channel for conv maps, shaped [C, 1, 1] to broadcast over NCHW).
      const dims = channelAxis ? [prelu!.length, 1, 1] : [prelu!.length];
      return g.op('PRelu', [z, g.weight(`${out}.slope`, dims, prelu!)], out);
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

function denseNodes(g: OnnxGraph, layer: DensePlan): void {
  const source = layer.parents.length === 1 ? layer.parents[0] : g.op('Concat', layer.parents, layer.concatName!, [intAttr('axis', 1)]);
  const w = g.weight(`${layer.name}.weight`, [layer.fanIn, layer.units], layer.kernel);
  const b = g.weight(`${layer.name}.bias`, [layer.units], layer.bias);
  if (layer.activation === 'linear') {
    g.op('Gemm', [source, w, b], layer.name);
    return;
  }
  const z = g.op('Gemm', [source, w, b], `${layer.name}_z`);
  activationNodes(g, layer.activation, z, layer.name, layer.prelu);
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
  for (const layer of plan.layers) denseNodes(g, layer);
  return encodeModel(
    g,
    plan.inputs.map((i) => valueInfo(i.name, [i.units])),
    [valueInfo(plan.output.name, [plan.output.units])],
    modelName
  );
}
