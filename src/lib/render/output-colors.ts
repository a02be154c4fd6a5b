/**
 * Colours of the large output view: how an output group's values over the grid become a picture. Pure.
 * Binary classification and regression use the diverging scale of the neuron heat-maps;
 * multi-class paints each point in the colour of its most likely class, paler where the network is unsure.
 */
import type { Activation } from '../../../workers/protocol';
import { NEGATIVE_RGB, POSITIVE_RGB } from './heatmap';

/** Class colours: class 0 and 1 match the diverging scale's two ends, so binary and multi-class agree. */
const CLASS_RGB: readonly (readonly [number, number, number])[] = [
  NEGATIVE_RGB,
  POSITIVE_RGB,
  [0x2c, 0xa0, 0x2c],
  [0x94, 0x67, 0xbd],
  [0xd6, 0x27, 0x28],
  [0x8c, 0x56, 0x4b],
  [0xe3, 0x77, 0xc2],
  [0x7f, 0x7f, 0x7f],
  [0xbc, 0xbd, 0x22],
  [0x17, 0xbe, 0xcf]
];

export function classRGB(index: number): readonly [number, number, number] {
  return CLASS_RGB[index % CLASS_RGB.length];
}

export function classHex(index: number): number {
  const [r, g, b] = classRGB(index);
  return (r << 16) | (g << 8) | b;
}

/**
 * Maps one output value to [-1, 1] for the diverging scale: probabilities (sigmoid, softmax, step) around 0.5,
 * tanh/arctan as they are, and anything else (regression) around the middle of `targetRange`.
 */
export function centreValue(value: number, activation: Activation, targetRange: [number, number] | null): number {
  switch (activation) {
    case 'sigmoid':
    case 'softmax':
    case 'step':
      return 2 * value - 1;
    case 'tanh':
      return value;
    case 'arctan':
      return value / (Math.PI / 2);
    default: {
      if (!targetRange) return value;
      const mid = (targetRange[0] + targetRange[1]) / 2;
      const half = Math.max((targetRange[1] - targetRange[0]) / 2, 1e-9);
      return (value - mid) / half;
    }
  }
}

export interface OutputPaint {
  /** unit-major grids of every unit (Snapshot.unitGrids) */
  unitGrids: Float32Array;
  /** the output group's first unit and its unit count */
  unitOffset: number;
  units: number;
  activation: Activation;
  size: number;
  targetRange: [number, number] | null;
}

/** Paint the output group over the grid into `out` (RGBA, size² · 4 bytes), no allocation. */
export function fillOutputRGBA(paint: OutputPaint, out: Uint8ClampedArray): void {
  const { unitGrids, unitOffset, units, activation, size, targetRange } = paint;
  const count = size * size;
  const base = unitOffset * count;
  for (let k = 0; k < count; k++) {
    const p = k * 4;
    let r: number;
    let g: number;
    let b: number;
    let strength: number;
    if (units === 1) {
      const t = centreValue(unitGrids[base + k], activation, targetRange);
      const clamped = Number.isFinite(t) ? Math.max(-1, Math.min(1, t)) : 0;
      [r, g, b] = clamped < 0 ? NEGATIVE_RGB : POSITIVE_RGB;
      strength = Math.abs(clamped);
    } else {
      let best = 0;
      let bestValue = -Infinity;
      let total = 0;
      for (let u = 0; u < units; u++) {
        const v = unitGrids[base + u * count + k];
        total += Math.max(v, 0);
        if (v > bestValue) {
          bestValue = v;
          best = u;
        }
      }
      [r, g, b] = classRGB(best);
      // Confidence: the winning share above a uniform guess, 0 (unsure) … 1 (certain).
      const share = total > 0 ? bestValue / total : 0;
      strength = Number.isFinite(share) ? Math.max(0, (share - 1 / units) / (1 - 1 / units)) : 0;
    }
    // Keep the picture light so points stay readable on it.
    const a = 0.15 + 0.6 * strength;
    out[p] = Math.round(255 + (r - 255) * a);
    out[p + 1] = Math.round(255 + (g - 255) * a);
    out[p + 2] = Math.round(255 + (b - 255) * a);
    out[p + 3] = 255;
  }
}
