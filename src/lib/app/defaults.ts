/** The playground a first visit opens: TF Playground's circle with its 2 → 4 → 2 → 1 network. */
import { defaultClassificationDoc } from '../model/build';
import { DEFAULT_SETTINGS, type PlaygroundState } from '../model/playground';

export function defaultState(): PlaygroundState {
  return {
    version: 1,
    doc: defaultClassificationDoc(),
    settings: { ...DEFAULT_SETTINGS, loss: 'bce', learningRate: 0.03, batchSize: 10 },
    data: { kind: 'generated', generator: 'circle', count: 500, noise: 0, testFraction: 0.5, seed: 1 },
    view: { xColumn: 0, yColumn: 1 }
  };
}
