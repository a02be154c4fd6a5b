/**
 * Keras Conv2D and pooling configs as Axon's conv and pool nodes. Only what Axon computes exactly is
 * accepted: square kernels and windows, equal strides, channels_last, no dilation or groups; pooling
 * without padding. Anything else is refused naming the layer and the setting.
 */
import type { NodeRecord } from '../model/document';
import { check, shown } from './errors';
import type { LayerNode } from './topology';

/** A square size from `[k, k]` or `k`; null when absent. */
function square(value: unknown, what: string, layer: LayerNode, file: string): number | null {
  if (value === undefined || value === null) return null;
  const pair = Array.isArray(value) ? value : [value, value];
  const ok = pair.length === 2 && Number.isInteger(pair[0]) && pair[0] === pair[1] && (pair[0] as number) >= 1;
  check(ok, `${file}: layer '${shown(layer.name)}' (${layer.className}) has ${what} ${shown(value)}; Axon's ${what} is the same whole number in both directions.`);
  return pair[0] as number;
}

function channelsLast(layer: LayerNode, file: string): void {
  const format = layer.config.data_format ?? 'channels_last';
  check(format === 'channels_last', `${file}: layer '${shown(layer.name)}' (${layer.className}) is ${shown(format)}; Axon's images are channels_last (height, width, channels).`);
}

export function convConfig(layer: LayerNode, file: string): NonNullable<NodeRecord['conv']> {
  const c = layer.config;
  channelsLast(layer, file);
  const filters = c.filters;
  check(Number.isInteger(filters) && (filters as number) >= 1, `${file}: layer '${shown(layer.name)}' (Conv2D) has ${shown(filters)} filters.`);
  const kernelSize = square(c.kernel_size, 'kernel size', layer, file);
  check(kernelSize !== null, `${file}: layer '${shown(layer.name)}' (Conv2D) has no kernel_size.`);
  const stride = square(c.strides, 'stride', layer, file) ?? 1;
  const dilation = square(c.dilation_rate, 'dilation', layer, file) ?? 1;
  check(dilation === 1, `${file}: layer '${shown(layer.name)}' (Conv2D) is dilated (${dilation}), which Axon does not support yet.`);
  check((c.groups ?? 1) === 1, `${file}: layer '${shown(layer.name)}' (Conv2D) is a grouped convolution, which Axon does not support yet.`);
  const padding = c.padding ?? 'valid';
  check(padding === 'valid' || padding === 'same', `${file}: layer '${shown(layer.name)}' (Conv2D) has padding ${shown(padding)}; Axon has 'valid' and 'same'.`);
  return { filters: filters as number, kernelSize, stride, padding };
}

export function poolConfig(layer: LayerNode, file: string): NonNullable<NodeRecord['pool']> {
  const c = layer.config;
  channelsLast(layer, file);
  const poolSize = square(c.pool_size, 'pool size', layer, file) ?? 2;
  const stride = square(c.strides, 'stride', layer, file) ?? poolSize;
  check((c.padding ?? 'valid') === 'valid', `${file}: layer '${shown(layer.name)}' (${layer.className}) has padding ${shown(c.padding)}; Axon's pooling has no padding ('valid').`);
  return { mode: layer.className === 'MaxPooling2D' ? 'max' : 'avg', poolSize, stride };
}
