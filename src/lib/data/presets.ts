/**
 * One-click tasks: the course's exercises (shared/data/reference.json) and the reference tool's classics.
 * Each sets the data, the network, the loss, the optimiser, the learning rate, the batch size and the epochs.
 */
import type { Activation, Feature, TrainSettings } from '../../../workers/protocol';
import { buildStack } from '../model/build';
import { DEFAULT_SETTINGS, type DataSource, type GeneratorId, type PlaygroundState } from '../model/playground';
import {
  HOT_RULE,
  hotelsDistanceSource,
  hotelsRatingSource,
  hotHotelsSource,
  KERAS_QUICK_RULE,
  kerasQuickSource,
  MEDAL_RULE,
  medalHotelsSource,
  singleNeuronSource,
  STANDARDISE_NOTE
} from './course';
import { mnistConvState, mnistDenseState, shapesConvState } from './conv-presets';
import { irisSource } from './iris';
import { MNIST_TEST_COUNT, MNIST_TRAIN_COUNT } from './mnist';

export type PresetGroup = 'course' | 'real' | 'classic';

export interface Preset {
  id: string;
  title: string;
  description: string;
  /** where the preset list shows it */
  group?: PresetGroup;
  build(): Promise<PlaygroundState> | PlaygroundState;
}

interface StateParts {
  data: DataSource;
  /** one input node per entry; each entry's features become the node's units */
  inputs: { label: string; features: Feature[] }[];
  hidden: { units: number; activation: Activation }[];
  output: { units: number; activation: Activation };
  settings: Partial<TrainSettings>;
  view?: PlaygroundState['view'];
}

function state(parts: StateParts): PlaygroundState {
  return {
    version: 1,
    doc: buildStack({ inputs: parts.inputs, hidden: parts.hidden, output: parts.output }),
    settings: { ...DEFAULT_SETTINGS, ...parts.settings },
    data: parts.data,
    view: parts.view ?? { xColumn: 0, yColumn: 1 }
  };
}

/** One input node per raw column, labelled with the column's name. */
function columnInputs(columns: string[]): StateParts['inputs'] {
  return columns.map((label, a) => ({ label, features: [{ op: 'id', a }] }));
}

/** A preset over a table: one input node per column, then the given stack and settings. */
function tablePreset(
  meta: Omit<Preset, 'build'>,
  source: () => DataSource & { columns: string[] },
  net: Omit<StateParts, 'data' | 'inputs'>
): Preset {
  return {
    ...meta,
    build: () => {
      const data = source();
      return state({ data, inputs: columnInputs(data.columns), ...net });
    }
  };
}

const hotelDistance = tablePreset(
  {
    id: 'hotel-distance',
    title: 'Hotel price from distance',
    group: 'course',
    description: `12 hotels, a straight line: 1 input → 1 linear output, MSE, SGD, learning rate 0.08, 100 epochs. ${STANDARDISE_NOTE}`
  },
  hotelsDistanceSource,
  {
    hidden: [],
    output: { units: 1, activation: 'linear' },
    settings: { loss: 'mse', optimizer: 'sgd', learningRate: 0.08, batchSize: 0, maxEpochs: 100 },
    view: { xColumn: 0, yColumn: 0 }
  }
);

/** Price from distance and rating; `hiddenActivation: 'linear'` shows that a linear hidden layer can only fit a plane. */
export function hotelRatingPreset(hiddenActivation: 'relu' | 'linear'): Preset {
  const relu = hiddenActivation === 'relu';
  return tablePreset(
    {
      id: relu ? 'hotel-rating' : 'hotel-rating-linear',
      title: relu ? 'Hotel price from distance and rating' : 'Same, with a linear hidden layer',
      group: 'course',
      description: relu
        ? `32 hotels: 2 inputs → 3 ReLU → 1 linear, MSE, Adam, learning rate 0.08, 800 epochs. Cheap hotels sit mid-way; ReLU bends the surface to fit them. ${STANDARDISE_NOTE}`
        : 'The same network with linear hidden units: it can only fit a plane (best possible train MSE ≈ 924), so it fails where ReLU succeeds.'
    },
    hotelsRatingSource,
    {
      hidden: [{ units: 3, activation: hiddenActivation }],
      output: { units: 1, activation: 'linear' },
      settings: { loss: 'mse', optimizer: 'adam', learningRate: 0.08, batchSize: 0, maxEpochs: 800 }
    }
  );
}

/** The course's hotel classifiers: 3 ReLU hidden units, Adam 0.08, full batch; only the output, loss and epochs differ. */
function hotelClassifierNet(
  output: StateParts['output'],
  loss: TrainSettings['loss'],
  maxEpochs: number
): Omit<StateParts, 'data' | 'inputs'> {
  return {
    hidden: [{ units: 3, activation: 'relu' }],
    output,
    settings: { loss, optimizer: 'adam', learningRate: 0.08, batchSize: 0, maxEpochs }
  };
}

const hotHotels = tablePreset(
  { id: 'hotel-hot', title: '"Hot" hotels (yes / no)', group: 'course', description: `Binary classification: 2 inputs → 3 ReLU → 1 sigmoid, binary cross-entropy, Adam 0.08, 300 epochs. ${HOT_RULE}` },
  hotHotelsSource,
  hotelClassifierNet({ units: 1, activation: 'sigmoid' }, 'bce', 300)
);

const medalHotels = tablePreset(
  { id: 'hotel-medal', title: 'Gold, silver or bronze hotels', group: 'course', description: `Three classes: 2 inputs → 3 ReLU → 3 softmax, categorical cross-entropy, Adam 0.08, 500 epochs. ${MEDAL_RULE}` },
  medalHotelsSource,
  hotelClassifierNet({ units: 3, activation: 'softmax' }, 'cce', 500)
);

const singleNeuron = tablePreset(
  {
    id: 'single-neuron',
    title: 'A single neuron, 8 points',
    group: 'course',
    description:
      'One logistic unit (2 inputs → 1 sigmoid), squared error ½Σ(y − t)², one random sample per step (batch 1), learning rate 0.1, seed 42, 1,250 epochs = 10,000 steps.'
  },
  singleNeuronSource,
  {
    hidden: [],
    output: { units: 1, activation: 'sigmoid' },
    settings: { loss: 'half_sse', optimizer: 'sgd', learningRate: 0.1, batchSize: 1, seed: 42, maxEpochs: 1250 }
  }
);

const kerasQuick = tablePreset(
  {
    id: 'keras-quick',
    title: 'Keras quick example',
    group: 'course',
    description: `2 → 16 ReLU → 16 ReLU → 1 sigmoid (337 parameters), Adam, binary cross-entropy, batch 10, 50 epochs. ${KERAS_QUICK_RULE}`
  },
  kerasQuickSource,
  {
    hidden: [
      { units: 16, activation: 'relu' },
      { units: 16, activation: 'relu' }
    ],
    output: { units: 1, activation: 'sigmoid' },
    settings: { loss: 'bce', optimizer: 'adam', learningRate: 0.001, batchSize: 10, maxEpochs: 50 }
  }
);

const mnist: Preset = {
  id: 'mnist',
  title: 'MNIST handwritten digits',
  group: 'real',
  description: `10,000 real 28×28 digits (${MNIST_TRAIN_COUNT.toLocaleString('en-US')} to train, the last ${MNIST_TEST_COUNT.toLocaleString('en-US')} held out): one 28×28 image input → flatten (784) → 128 ReLU → 10 softmax, categorical cross-entropy, Adam 0.001, batch 32, 5 epochs. Loads about 8 MB once, then works offline.`,
  build: mnistDenseState
};

const iris = tablePreset(
  {
    id: 'iris',
    title: 'Iris flowers',
    group: 'real',
    description:
      '150 flowers, 4 measurements, 3 species (30% held out, 15 of each): 4 inputs → 8 ReLU → 3 softmax, categorical cross-entropy, Adam 0.01, batch 16, 150 epochs. The view shows petal length against petal width.'
  },
  irisSource,
  {
    hidden: [{ units: 8, activation: 'relu' }],
    output: { units: 3, activation: 'softmax' },
    settings: { loss: 'cce', optimizer: 'adam', learningRate: 0.01, batchSize: 16, maxEpochs: 150 },
    view: { xColumn: 2, yColumn: 3 }
  }
);

const mnistConv: Preset = {
  id: 'mnist-conv',
  title: 'MNIST with a conv net',
  group: 'real',
  description:
    'The ConvNetJS demo net on the 28×28 digits: conv 5×5×8 (same, ReLU) → max-pool 2 → conv 5×5×16 (same, ReLU) → max-pool 3 → flatten → 10 softmax, 5,994 parameters. Adam 0.002, batch 20, 5 epochs. Point at a digit to see what each filter makes of it, or draw your own.',
  build: mnistConvState
};

const shapesConv: Preset = {
  id: 'shapes-conv',
  title: 'Filters learn edges',
  group: 'real',
  description:
    '3,000 seeded 24×24 images of stripes, crosses and rings at random places, with noise: conv 5×5×6 → max-pool 2 → conv 3×3×8 → max-pool 2 → flatten → 3 softmax. Watch the filters turn from noise into edge and line detectors as it trains.',
  build: shapesConvState
};

/** The reference tool's starting point on one of its four sets: 500 points, half for testing. */
function classic(generator: GeneratorId, title: string, hint: string): Preset {
  return {
    id: `classic-${generator}`,
    title,
    group: 'classic',
    description: `x₁, x₂ → 4 tanh → 2 tanh → 1 sigmoid, binary cross-entropy, SGD 0.03, batch 10, as in the reference playground. ${hint}`,
    build: () =>
      state({
        data: { kind: 'generated', generator, count: 500, noise: 0, testFraction: 0.5, seed: 1 },
        inputs: [
          { label: 'x1', features: [{ op: 'id', a: 0 }] },
          { label: 'x2', features: [{ op: 'id', a: 1 }] }
        ],
        hidden: [
          { units: 4, activation: 'tanh' },
          { units: 2, activation: 'tanh' }
        ],
        output: { units: 1, activation: 'sigmoid' },
        settings: { loss: 'bce', optimizer: 'sgd', learningRate: 0.03, batchSize: 10, maxEpochs: 0 }
      })
  };
}

export const PRESETS: Preset[] = [
  hotelDistance,
  hotelRatingPreset('relu'),
  hotelRatingPreset('linear'),
  hotHotels,
  medalHotels,
  singleNeuron,
  kerasQuick,
  mnist,
  mnistConv,
  shapesConv,
  iris,
  classic('circle', 'Circle', 'Learns a closed boundary in a few hundred steps.'),
  classic('xor', 'Exclusive or', 'Needs the hidden layer: no single line separates it.'),
  classic('gaussians', 'Two Gaussians', 'Almost a straight line: the easiest set.'),
  classic('spiral', 'Spiral', 'Hard with x₁ and x₂ alone: add sin features or more neurons.')
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
