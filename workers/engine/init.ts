/**
 * Parameter initialisation, seeded. Fan-in of a group is the sum of its parents' units (as if the
 * parents were concatenated into one Dense input), fan-out is the group's own units; for conv
 * groups Keras' receptive-field fans: k·k·inChannels in, k·k·filters out.
 *  - glorot: uniform ±√(6 / (fanIn + fanOut)) (Keras' glorot_uniform, its Dense default)
 *  - he: truncated normal (±2σ), σ = √(2 / fanIn) / 0.8796 (Keras' he_normal; the constant
 *        restores the variance the truncation removes). Normal, not uniform: it is the form He et al. give.
 *  - zeros: every weight 0, to show the symmetry problem
 *  - uniform: ±0.5 as TF Playground's random weights, with its biases of 0.1
 * Biases are 0 except for 'uniform'; PReLU slopes start at PRELU_INIT.
 */
import type { Initializer } from '../protocol';
import { PRELU_INIT } from './activations';
import type { Program } from './compile';
import type { Rng } from './random';
import type { Vec } from './vec';

const TRUNCATED_NORMAL_STD = 0.87962566103423978;

function truncatedNormal(rng: Rng): number {
  for (;;) {
    const v = rng.normal();
    if (v >= -2 && v <= 2) return v;
  }
}

export function initParams(program: Program, params: Vec, initializer: Initializer, rng: Rng): void {
  params.fill(0);
  for (const g of program.groups) {
    if (g.kind === 'input') continue;
    const fanIn = g.fanIn;
    const fanOut = g.fanOut;
    for (const edge of g.inEdges) {
      const end = edge.offset + edge.weightCount;
      switch (initializer) {
        case 'glorot': {
          const limit = Math.sqrt(6 / (fanIn + fanOut));
          for (let i = edge.offset; i < end; i++) params[i] = rng.uniform(-limit, limit);
          break;
        }
        case 'he': {
          const std = Math.sqrt(2 / fanIn) / TRUNCATED_NORMAL_STD;
          for (let i = edge.offset; i < end; i++) params[i] = std * truncatedNormal(rng);
          break;
        }
        case 'zeros':
          break;
        case 'uniform':
          for (let i = edge.offset; i < end; i++) params[i] = rng.uniform(-0.5, 0.5);
          break;
      }
    }
    if (initializer === 'uniform') for (let j = 0; j < g.biasCount; j++) params[g.biasOffset + j] = 0.1;
    if (g.preluOffset >= 0) for (let j = 0; j < g.units; j++) params[g.preluOffset + j] = PRELU_INIT;
  }
}
