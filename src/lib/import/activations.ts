/**
 * Keras / TF.js activations (the `activation` string of a layer, and the activation layers) as Axon's
 * activations. Only exact equivalents are accepted: a LeakyReLU with another slope than ours is refused,
 * not rounded to ours.
 */
import type { Activation } from '../../../workers/protocol';
import { ACTIVATIONS, ACTIVATION_INFO, ELU_ALPHA, LEAKY_RELU_ALPHA } from '../../../workers/engine';
import { check, isRecord, shown } from './errors';
import type { LayerNode } from './topology';

/** Keras names that are Axon activations under another spelling. */
const ALIASES: Record<string, Activation> = { linear: 'linear', relu: 'relu', sigmoid: 'sigmoid', tanh: 'tanh', softmax: 'softmax', elu: 'elu', softplus: 'softplus' };

function byName(name: string): Activation | null {
  if (name in ALIASES) return ALIASES[name];
  return ACTIVATIONS.find((a) => ACTIVATION_INFO[a].keras === name || ACTIVATION_INFO[a].tfjs === name) ?? null;
}

/** A layer's `activation` field (absent/null = linear; Keras 3 may write {class_name: 'function', config: 'relu'}). */
export function activationOf(value: unknown, layer: string, file: string): Activation {
  if (value === undefined || value === null) return 'linear';
  const name = typeof value === 'string' ? value : isRecord(value) && typeof value.config === 'string' ? value.config : null;
  const activation = name === null ? null : byName(name);
  check(activation, `${file}: layer '${shown(layer)}' uses the activation ${shown(name ?? value)}, which Axon does not support yet.`);
  return activation;
}

const near = (a: unknown, b: number) => typeof a === 'number' && Math.abs(a - b) <= 1e-7 * Math.max(1, Math.abs(b));

/** What an activation layer computes, or null when the layer is not an activation layer. */
export function activationLayer(layer: LayerNode, file: string): Activation | null {
  const c = layer.config;
  const name = `'${shown(layer.name)}'`;
  switch (layer.className) {
    case 'Activation':
      return activationOf(c.activation, layer.name, file);
    case 'ReLU': {
      const slope = c.negative_slope ?? 0;
      check((c.max_value ?? null) === null && near(c.threshold ?? 0, 0), `${file}: ReLU layer ${name} is capped or shifted (max_value/threshold), which Axon does not support yet.`);
      if (near(slope, 0)) return 'relu';
      check(near(slope, LEAKY_RELU_ALPHA), `${file}: ReLU layer ${name} has negative slope ${shown(slope)}; Axon's leaky ReLU uses ${LEAKY_RELU_ALPHA}.`);
      return 'leaky_relu';
    }
    case 'LeakyReLU': {
      // TF.js and Keras 2 call the slope alpha (default 0.3), Keras 3 negative_slope.
      const slope = c.alpha ?? c.negative_slope ?? 0.3;
      check(near(slope, LEAKY_RELU_ALPHA), `${file}: LeakyReLU layer ${name} has slope ${shown(slope)}; Axon's leaky ReLU uses ${LEAKY_RELU_ALPHA}, so it cannot be imported exactly.`);
      return 'leaky_relu';
    }
    case 'PReLU':
      check(c.shared_axes === undefined || c.shared_axes === null, `${file}: PReLU layer ${name} shares its slopes across axes, which Axon does not support yet.`);
      return 'prelu';
    case 'ELU':
      check(near(c.alpha ?? 1, ELU_ALPHA), `${file}: ELU layer ${name} has alpha ${shown(c.alpha)}; Axon's ELU uses ${ELU_ALPHA}.`);
      return 'elu';
    case 'Softmax':
      check(c.axis === undefined || c.axis === -1 || (Array.isArray(c.axis) && c.axis.length === 1 && c.axis[0] === -1), `${file}: Softmax layer ${name} is not over the last axis.`);
      return 'softmax';
    default:
      return null;
  }
}
