/**
 * The conv, pool and flatten lines of the Keras Python export (keras.ts writes Dense and everything
 * around them). Channels last, like our HWC layout, so kernels and PReLU slopes are only reshaped.
 */
import { ACTIVATION_INFO } from '../../../workers/engine';
import type { DensePlan, InputPlan } from './plan';
import { npArray } from './python-code';
import { pyString } from './python-text';

/** `name = layers.Conv2D(…)(source)` and its kin; `regulariser` is the `, kernel_regularizer=…` argument or ''. */
export function spatialLayerLine(layer: DensePlan, source: string, regulariser: string): string {
  const spec = layer.layer!;
  const name = `name=${pyString(layer.name)}`;
  switch (spec.type) {
    case 'flatten':
      return `${layer.name} = layers.Flatten(${name})(${source})`;
    case 'pool2d': {
      const kind = spec.mode === 'max' ? 'MaxPooling2D' : 'AveragePooling2D';
      return `${layer.name} = layers.${kind}(pool_size=${spec.poolSize}, strides=${spec.stride}, ${name})(${source})`;
    }
    case 'conv2d': {
      const activation = ACTIVATION_INFO[layer.activation].keras;
      const activationArg = activation && activation !== 'linear' ? `, activation=${pyString(activation)}` : '';
      const args = `${spec.filters}, ${spec.kernelSize}, strides=${spec.stride}, padding=${pyString(spec.padding)}${activationArg}${regulariser}`;
      return `${layer.name} = layers.Conv2D(${args}, ${name})(${source})`;
    }
  }
}

/** set_weights lines of a conv layer (kernel [k, k, in, filters], biases, PReLU slopes [h, w, c]); none for pool and flatten. */
export function spatialWeightLines(layer: DensePlan): string[] {
  const spec = layer.layer!;
  if (spec.type !== 'conv2d') return [];
  const k = spec.kernelSize;
  const inC = layer.inputShape!.channels;
  const lines = [
    `model.get_layer(${pyString(layer.name)}).set_weights([`,
    `    ${npArray(layer.kernel, k * k * inC, spec.filters, '    ')}.reshape(${k}, ${k}, ${inC}, ${spec.filters}),`,
    `    ${npArray(layer.bias, 1, spec.filters, '    ')},`,
    '])'
  ];
  if (layer.prelu && layer.activationName && layer.shape) {
    const { height, width, channels } = layer.shape;
    const slopes = npArray(layer.prelu, 1, layer.prelu.length, '');
    lines.push(`model.get_layer(${pyString(layer.activationName)}).set_weights([${slopes}.reshape(${height}, ${width}, ${channels})])`);
  }
  return lines;
}

/** The `shape=(…)` tuple of keras.Input: (h, w, c) for images, (units,) otherwise. */
export function inputShapeTuple(input: InputPlan): string {
  return input.image ? `(${input.image.height}, ${input.image.width}, ${input.image.channels})` : `(${input.units},)`;
}
