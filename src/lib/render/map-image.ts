/**
 * One channel of an HWC feature map (or a filter) as RGBA pixels on the diverging scale of the heat-maps:
 * orange below zero, white at zero, blue above, scaled by the channel's own largest |value| so a map that
 * is still small early in training is as readable as a strong one. Pure: the canvas layer and the Svelte
 * detail view both paint with it.
 */
import type { ImageShape } from '../../../workers/protocol';
import { diverging } from './heatmap';

/** The value at (y, x) of `channel` in an HWC buffer. */
export const hwc = (values: ArrayLike<number>, shape: ImageShape, y: number, x: number, channel: number): number =>
  values[(y * shape.width + x) * shape.channels + channel];

/** Largest |value| of one channel (1 when all are zero or none is finite, so the scale stays defined). */
export function channelRange(values: ArrayLike<number>, shape: ImageShape, channel: number): number {
  let max = 0;
  for (let p = channel; p < shape.height * shape.width * shape.channels; p += shape.channels) {
    const v = Math.abs(values[p]);
    if (v > max && Number.isFinite(v)) max = v;
  }
  return max > 0 ? max : 1;
}

/** width × height RGBA bytes of one channel, for an ImageData. */
export function channelRgba(values: ArrayLike<number>, shape: ImageShape, channel: number, range = channelRange(values, shape, channel)): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(shape.height * shape.width * 4);
  for (let p = 0; p < shape.height * shape.width; p++) {
    const [r, g, b] = diverging(values[p * shape.channels + channel], range);
    rgba[4 * p] = r;
    rgba[4 * p + 1] = g;
    rgba[4 * p + 2] = b;
    rgba[4 * p + 3] = 255;
  }
  return rgba;
}
