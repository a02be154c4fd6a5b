/** Playground states of the networks the smoothness test and the page bench train. */
import { defaultState } from '../../src/lib/model/defaults';
import { buildStack } from '../../src/lib/model/build';
import type { PlaygroundState } from '../../src/lib/model/playground';
import type { Activation } from '../../workers/protocol';

/** x1, x2 → the hidden groups → one sigmoid output, on the default data unless `data` is given. */
export function stackState(hidden: { units: number; activation: Activation }[], data?: PlaygroundState['data']): PlaygroundState {
  const base = defaultState();
  return {
    ...base,
    doc: buildStack({
      inputs: [
        { label: 'x1', features: [{ op: 'id', a: 0 }] },
        { label: 'x2', features: [{ op: 'id', a: 1 }] }
      ],
      hidden,
      output: { units: 1, activation: 'sigmoid' }
    }),
    data: data ?? base.data
  };
}

/** 2 → 6×8 tanh → 1 on the spiral: the page bench's big network. */
export function sixByEight(): PlaygroundState {
  return stackState(
    Array.from({ length: 6 }, () => ({ units: 8, activation: 'tanh' as const })),
    { kind: 'generated', generator: 'spiral', count: 500, noise: 0, testFraction: 0.5, seed: 1 }
  );
}

/** One hidden group of `units` tanh units: too many to stack, so the canvas summarises it. */
export function wide(units: number): PlaygroundState {
  return stackState([{ units, activation: 'tanh' }]);
}
