/** The values a fresh playground starts from, and what a damaged link or file falls back to. */
import { defaultClassificationDoc } from './build';
import { DEFAULT_SETTINGS, type GeneratedSource, type PlaygroundState } from './playground';

/** The reference tool's first screen: the circle data set, 500 points, half held out for testing. */
export const DEFAULT_DATA: GeneratedSource = {
  kind: 'generated',
  generator: 'circle',
  count: 500,
  noise: 0,
  testFraction: 0.5,
  seed: 1
};

export const DEFAULT_VIEW: PlaygroundState['view'] = { xColumn: 0, yColumn: 1 };

export function defaultState(): PlaygroundState {
  return {
    version: 1,
    doc: defaultClassificationDoc(),
    settings: { ...DEFAULT_SETTINGS },
    data: { ...DEFAULT_DATA },
    view: { ...DEFAULT_VIEW }
  };
}
