/**
 * The upper bounds of conv, pool and image-input settings (limits.ts), as the validator's sentences.
 * Lower bounds (a stride of 0, zero filters) and whether a window fits its input are the engine's
 * inferShapes rules, reported by validate() from there, so each problem is stated once.
 */
import type { NodeRecord } from './document';
import { MAX_FILTERS, MAX_IMAGE_CHANNELS, MAX_IMAGE_SIDE, MAX_KERNEL_SIZE, MAX_POOL_SIZE, MAX_STRIDE } from '../limits';

export function layerProblems(node: NodeRecord, name: string): string[] {
  const problems: string[] = [];
  const over = (what: string, value: number, max: number) => {
    if (value > max) problems.push(`${name} has ${what} ${value}; the limit is ${max}.`);
  };
  if (node.kind === 'conv') {
    if (!node.conv) return [`Conv layer ${name} has no settings: choose its filters, kernel size, stride and padding.`];
    over('filters', node.conv.filters, MAX_FILTERS);
    over('kernel size', node.conv.kernelSize, MAX_KERNEL_SIZE);
    over('stride', node.conv.stride, MAX_STRIDE);
  } else if (node.kind === 'pool') {
    if (!node.pool) return [`Pool layer ${name} has no settings: choose its pool size and stride.`];
    over('pool size', node.pool.poolSize, MAX_POOL_SIZE);
    over('stride', node.pool.stride, MAX_STRIDE);
  } else if (node.kind === 'input' && node.image) {
    over('image height', node.image.height, MAX_IMAGE_SIDE);
    over('image width', node.image.width, MAX_IMAGE_SIDE);
    over('channels', node.image.channels, MAX_IMAGE_CHANNELS);
  }
  return problems;
}
