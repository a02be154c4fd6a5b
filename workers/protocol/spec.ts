/**
 * The network as the engine sees it: groups of units joined by dense edges.
 * The page compiles its document (src/lib/model) into this; the worker compiles this into a Program.
 * Types only: shared by page and worker.
 */

/** Activation ids; the registry (engine/registry.ts) lists them at run time with their names in other tools. */
export type Activation =
  | 'linear'
  | 'step'
  | 'sigmoid'
  | 'tanh'
  | 'arctan'
  | 'relu'
  | 'leaky_relu'
  | 'prelu'
  | 'elu'
  | 'softplus'
  | 'softmax';

export type Loss = 'mse' | 'half_sse' | 'mae' | 'bce' | 'cce' | 'sparse_cce' | 'hinge' | 'squared_hinge' | 'log_cosh' | 'huber';

export type Optimizer = 'sgd' | 'momentum' | 'nesterov' | 'rmsprop' | 'adam';

export type Initializer = 'glorot' | 'he' | 'zeros' | 'uniform';

/** How one input unit is computed from the raw columns of the data table. */
export type FeatureOp = 'id' | 'square' | 'sin' | 'product';
export interface Feature {
  op: FeatureOp;
  /** raw column index */
  a: number;
  /** second raw column, for 'product' only */
  b?: number;
}

export type GroupKind = 'input' | 'hidden' | 'output';

/** An image-shaped group: its units are pixels, row-major height × width × channels (HWC, as Keras). */
export interface ImageShape {
  height: number;
  width: number;
  channels: number;
}
export type Padding = 'valid' | 'same';
export type PoolMode = 'max' | 'avg';
/**
 * What a hidden group computes from its one parent when it is not dense. Shapes follow Keras:
 * 'same' out = ceil(in / stride), 'valid' out = floor((in − k) / stride) + 1; pools are 'valid'.
 */
export type LayerSpec =
  | { type: 'conv2d'; filters: number; kernelSize: number; stride: number; padding: Padding }
  | { type: 'pool2d'; mode: PoolMode; poolSize: number; stride: number }
  | { type: 'flatten' };

export interface GroupSpec {
  id: string;
  /** shown in error messages; defaults to id */
  name?: string;
  kind: GroupKind;
  /** ignored (inferred as h·w·c) for conv, pool and flatten groups and for image inputs */
  units: number;
  /** ignored for input groups; pool and flatten groups are always 'linear' */
  activation: Activation;
  /** input groups: one Feature per unit (features.length === units); absent for image inputs */
  features?: Feature[];
  /** hidden groups only; absent = dense. Conv, pool and flatten groups have exactly one parent. */
  layer?: LayerSpec;
  /** input groups only: the group is an image whose units read raw columns 0 … h·w·c − 1 in order */
  image?: ImageShape;
  /** fraction of this group's outputs dropped while training (hidden groups) */
  dropout?: number;
  /** per-group regularisation of the weights coming INTO this group; added to the network-wide rate */
  l1?: number;
  l2?: number;
}

/** A dense connection: every unit of `from` feeds every unit of `to`. */
export interface EdgeSpec {
  from: string;
  to: string;
}

/** Any DAG: skip connections and several parents are allowed. Exactly one output group. */
export interface NetworkSpec {
  groups: GroupSpec[];
  edges: EdgeSpec[];
}

/**
 * Where each parameter lives in the flat parameter buffer (returned by compile, used by page views).
 * `ParamLayout.edges` lists dense edges only; a conv group's kernel is found through its GroupLayout,
 * and the edges into pool and flatten groups carry no parameters.
 */
export interface EdgeLayout {
  from: string;
  to: string;
  /** weights[i][j] from unit i of `from` to unit j of `to` is params[offset + i * toUnits + j] */
  offset: number;
  fromUnits: number;
  toUnits: number;
}
export interface GroupLayout {
  id: string;
  units: number;
  /** index of this group's first unit in per-unit arrays (heat-maps, activations) */
  unitOffset: number;
  /** biases of this group's units: params[biasOffset + j]; -1 for input groups */
  biasOffset: number;
  /** PReLU slopes, one per unit: params[preluOffset + j]; -1 unless activation is prelu */
  preluOffset: number;
  /** Keras-style parameter count of this group (incoming weights + biases + prelu slopes) */
  paramCount: number;
  /** inferred output shape of image groups (image inputs, conv, pool); absent for flat groups */
  shape?: ImageShape;
  /** conv, pool and flatten groups: the layer (absent for dense and input groups) */
  layer?: LayerSpec;
  /**
   * conv groups: the kernel, laid out as Keras [kh][kw][inChannels][filters]:
   * params[kernelOffset + ((ky * k + kx) * inChannels + c) * filters + f]; biases follow at biasOffset.
   */
  kernelOffset?: number;
  /** conv and pool groups: the shape of the one parent they read */
  inputShape?: ImageShape;
}
export interface ParamLayout {
  paramCount: number;
  unitCount: number;
  groups: GroupLayout[];
  edges: EdgeLayout[];
}
