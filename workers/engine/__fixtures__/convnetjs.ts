/**
 * The ConvNetJS MNIST demo net (issue 16's reference): side×side×1 → conv 5×5×8 same relu → max-pool 2 →
 * conv 5×5×16 same relu → max-pool 3 → flatten → 10 softmax. One spec for the accuracy test and bench W5.
 */
import type { NetworkSpec } from '../../protocol';

export function convnetjsSpec(side: number, classes = 10): NetworkSpec {
  return {
    groups: [
      { id: 'x', kind: 'input', units: 0, activation: 'linear', image: { height: side, width: side, channels: 1 } },
      { id: 'c1', kind: 'hidden', units: 0, activation: 'relu', layer: { type: 'conv2d', filters: 8, kernelSize: 5, stride: 1, padding: 'same' } },
      { id: 'p1', kind: 'hidden', units: 0, activation: 'linear', layer: { type: 'pool2d', mode: 'max', poolSize: 2, stride: 2 } },
      { id: 'c2', kind: 'hidden', units: 0, activation: 'relu', layer: { type: 'conv2d', filters: 16, kernelSize: 5, stride: 1, padding: 'same' } },
      { id: 'p2', kind: 'hidden', units: 0, activation: 'linear', layer: { type: 'pool2d', mode: 'max', poolSize: 3, stride: 3 } },
      { id: 'f', kind: 'hidden', units: 0, activation: 'linear', layer: { type: 'flatten' } },
      { id: 'out', kind: 'output', units: classes, activation: 'softmax' }
    ],
    edges: ['x>c1', 'c1>p1', 'p1>c2', 'c2>p2', 'p2>f', 'f>out'].map((e) => ({ from: e.split('>')[0], to: e.split('>')[1] }))
  };
}
