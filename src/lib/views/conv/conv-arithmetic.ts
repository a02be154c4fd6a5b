/**
 * The arithmetic of one output value of a conv or pool layer, as the detail view spells it out: which input
 * window it reads (with the engine's Keras 'same' offsets), each weight × input term, the sum, the bias and
 * the activation; or the window's values and their max or average. Pure: params and maps in, numbers out.
 */
import type { GroupLayout, ImageShape, LayerSpec } from '../../../../workers/protocol';
import { padBefore } from '../../../../workers/engine';
import { hwc } from '../../render/map-image';

export interface Window {
  /** input row and column of the window's top-left cell (negative inside the zero padding) */
  y0: number;
  x0: number;
  size: number;
}

/** The input window read by output (oy, ox). */
export function windowOf(input: ImageShape, output: ImageShape, layer: LayerSpec, oy: number, ox: number): Window {
  if (layer.type === 'flatten') throw new Error('A Flatten has no window.');
  const size = layer.type === 'conv2d' ? layer.kernelSize : layer.poolSize;
  const padding = layer.type === 'conv2d' ? layer.padding : 'valid';
  const top = padBefore(input.height, output.height, size, layer.stride, padding);
  const left = padBefore(input.width, output.width, size, layer.stride, padding);
  return { y0: oy * layer.stride - top, x0: ox * layer.stride - left, size };
}

/** An input value, 0 in the padding. */
function at(values: ArrayLike<number>, shape: ImageShape, y: number, x: number, c: number): number {
  return y < 0 || x < 0 || y >= shape.height || x >= shape.width ? 0 : hwc(values, shape, y, x, c);
}

export interface ConvSum {
  /** per input channel: the k×k terms w·x, row-major, and their sum */
  channels: { weights: number[]; inputs: number[]; sum: number }[];
  bias: number;
  /** Σ over channels + bias */
  z: number;
}

/** Filter `f`'s weights for input channel `c`, k×k row-major (Keras kernel layout in the flat params). */
export function filterWeights(params: Float32Array, group: GroupLayout, kernelSize: number, inChannels: number, filters: number, f: number, c: number): number[] {
  const offset = group.kernelOffset ?? 0;
  const out: number[] = [];
  for (let ky = 0; ky < kernelSize; ky++) {
    for (let kx = 0; kx < kernelSize; kx++) out.push(params[offset + ((ky * kernelSize + kx) * inChannels + c) * filters + f]);
  }
  return out;
}

/** z of filter `f` at the window `win` of the parent's maps. */
export function convSum(params: Float32Array, group: GroupLayout, layer: Extract<LayerSpec, { type: 'conv2d' }>, input: ImageShape, values: ArrayLike<number>, f: number, win: Window): ConvSum {
  const k = layer.kernelSize;
  const channels: ConvSum['channels'] = [];
  let z = 0;
  for (let c = 0; c < input.channels; c++) {
    const weights = filterWeights(params, group, k, input.channels, layer.filters, f, c);
    const inputs: number[] = [];
    let sum = 0;
    for (let ky = 0; ky < k; ky++) {
      for (let kx = 0; kx < k; kx++) {
        const x = at(values, input, win.y0 + ky, win.x0 + kx, c);
        inputs.push(x);
        sum += weights[ky * k + kx] * x;
      }
    }
    channels.push({ weights, inputs, sum });
    z += sum;
  }
  const bias = params[group.biasOffset + f];
  return { channels, bias, z: z + bias };
}

/** The window's values of channel `c` (a pool never reads padding) and their max or average. */
export function poolResult(mode: 'max' | 'avg', input: ImageShape, values: ArrayLike<number>, c: number, win: Window): { inputs: number[]; result: number } {
  const inputs: number[] = [];
  for (let y = 0; y < win.size; y++) for (let x = 0; x < win.size; x++) inputs.push(at(values, input, win.y0 + y, win.x0 + x, c));
  const result = mode === 'max' ? Math.max(...inputs) : inputs.reduce((a, b) => a + b, 0) / inputs.length;
  return { inputs, result };
}
