/**
 * The course's small tables, embedded (copied from shared/data/*.csv) so they need no file at run time,
 * and the labelling rules for the two tasks whose labels the material does not list in full.
 */
import { createRng } from '../../../workers/engine';
import type { TableSource } from '../model/playground';
import { standardise } from './table';

/** hotels-distance.csv: distance to the centre (miles), price (USD), split. */
export const HOTELS_DISTANCE: readonly (readonly [number, number, 'train' | 'test'])[] = [
  [0.5, 146, 'train'],
  [1.1, 149, 'train'],
  [1.6, 140, 'train'],
  [2.4, 134, 'train'],
  [3.5, 127, 'train'],
  [4.6, 110, 'train'],
  [6.2, 112, 'train'],
  [9.5, 81, 'train'],
  [0.3, 156, 'test'],
  [0.7, 168, 'test'],
  [4.9, 116, 'test'],
  [8.5, 99, 'test']
];

/** hotels-distance-rating.csv: distance (miles), rating (stars), price (USD), split. */
export const HOTELS_DISTANCE_RATING: readonly (readonly [number, number, number, 'train' | 'test'])[] = [
  [0.2, 3.5, 157, 'train'],
  [0.2, 4.8, 155, 'train'],
  [0.5, 3.7, 146, 'train'],
  [0.7, 4.3, 168, 'train'],
  [0.8, 2.7, 147, 'train'],
  [1.5, 3.6, 136, 'train'],
  [1.6, 2.6, 140, 'train'],
  [2.4, 4.7, 134, 'train'],
  [3.5, 4.2, 116, 'train'],
  [3.5, 3.5, 127, 'train'],
  [4.6, 2.8, 106, 'train'],
  [4.6, 4.2, 110, 'train'],
  [4.9, 3.8, 116, 'train'],
  [6.2, 3.6, 112, 'train'],
  [6.5, 2.4, 92, 'train'],
  [8.5, 3.1, 99, 'train'],
  [9.5, 2.1, 81, 'train'],
  [9.7, 3.7, 92, 'train'],
  [11.3, 2.9, 75, 'train'],
  [14.6, 3.8, 108, 'train'],
  [17.5, 4.6, 166, 'train'],
  [18.7, 3.8, 188, 'train'],
  [19.5, 4.4, 211, 'train'],
  [19.8, 3.6, 207, 'train'],
  [0.3, 4.6, 156, 'test'],
  [0.5, 4.2, 162, 'test'],
  [1.1, 3.5, 149, 'test'],
  [1.2, 4.7, 145, 'test'],
  [2.7, 2.7, 123, 'test'],
  [3.8, 4.1, 118, 'test'],
  [7.3, 4.6, 82, 'test'],
  [19.4, 4.8, 209, 'test']
];

/** single-neuron-8.csv: x1, x2, target (0 or 1). */
export const SINGLE_NEURON_8: readonly (readonly [number, number, number])[] = [
  [3, 1.5, 0],
  [2, 1, 1],
  [4, 1.5, 0],
  [3, 4, 1],
  [3.5, 0.5, 0],
  [2, 0.5, 1],
  [5.5, 1, 1],
  [1, 1, 0]
];

export const HOT_THRESHOLD = 140;
export const HOT_RULE = `A hotel counts as "hot" when its price is at least ${HOT_THRESHOLD} USD (the course does not list its labels; this rule gives 10 of 24 training hotels).`;

export const MEDAL_SILVER = 115;
export const MEDAL_GOLD = 150;
export const MEDAL_RULE = `Gold: price ≥ ${MEDAL_GOLD} USD; silver: ${MEDAL_SILVER}–${MEDAL_GOLD - 1} USD; bronze: below ${MEDAL_SILVER} USD — about a third of the hotels each (the course does not list its labels).`;

export const KERAS_QUICK_RULE =
  '300 pseudo-random points in the unit square (seed 42), labelled 1 when x1 + x2 > 1; the first 100 train, the other 200 (validation and test) are held out.';

export const STANDARDISE_NOTE = 'Inputs are standardised (mean 0, standard deviation 1 over the training rows), so learning rate 0.08 converges.';

export const DISTANCE = 'distance (mi)';
export const RATING = 'rating';
export const PRICE = 'price (USD)';

function finish(source: TableSource, standardiseInputs: boolean): TableSource {
  return standardiseInputs ? standardise(source).source : source;
}

/** Hotel price from distance: 12 hotels, regression, the material's 8/4 split. */
export function hotelsDistanceSource(standardiseInputs = true): TableSource {
  return finish(
    {
      kind: 'table',
      name: 'Hotel prices by distance',
      columns: [DISTANCE],
      x: HOTELS_DISTANCE.map((r) => r[0]),
      y: HOTELS_DISTANCE.map((r) => r[1]),
      classes: null,
      targetColumns: [PRICE],
      isTest: HOTELS_DISTANCE.map((r) => (r[2] === 'test' ? 1 : 0))
    },
    standardiseInputs
  );
}

function ratingTable(name: string, y: number[], classes: string[] | null, standardiseInputs: boolean): TableSource {
  return finish(
    {
      kind: 'table',
      name,
      columns: [DISTANCE, RATING],
      x: HOTELS_DISTANCE_RATING.flatMap((r) => [r[0], r[1]]),
      y,
      classes,
      targetColumns: classes ? [] : [PRICE],
      isTest: HOTELS_DISTANCE_RATING.map((r) => (r[3] === 'test' ? 1 : 0))
    },
    standardiseInputs
  );
}

/** Hotel price from distance and rating: 32 hotels, regression, the material's 24/8 split. */
export function hotelsRatingSource(standardiseInputs = true): TableSource {
  return ratingTable(
    'Hotel prices by distance and rating',
    HOTELS_DISTANCE_RATING.map((r) => r[2]),
    null,
    standardiseInputs
  );
}

export function isHot(price: number): boolean {
  return price >= HOT_THRESHOLD;
}

/** 'bronze' 0, 'silver' 1, 'gold' 2 */
export function medalOf(price: number): number {
  return price >= MEDAL_GOLD ? 2 : price >= MEDAL_SILVER ? 1 : 0;
}

/** The "hot" hotels: binary classification by HOT_RULE. */
export function hotHotelsSource(standardiseInputs = true): TableSource {
  return ratingTable(
    'Hot hotels',
    HOTELS_DISTANCE_RATING.map((r) => (isHot(r[2]) ? 1 : 0)),
    ['not hot', 'hot'],
    standardiseInputs
  );
}

/** Gold / silver / bronze hotels: 3 classes by MEDAL_RULE. */
export function medalHotelsSource(standardiseInputs = true): TableSource {
  return ratingTable(
    'Gold, silver and bronze hotels',
    HOTELS_DISTANCE_RATING.map((r) => medalOf(r[2])),
    ['bronze', 'silver', 'gold'],
    standardiseInputs
  );
}

/** The 8 points of the single-neuron exercise, all for training. */
export function singleNeuronSource(): TableSource {
  return {
    kind: 'table',
    name: 'Single neuron, 8 points',
    columns: ['x1', 'x2'],
    x: SINGLE_NEURON_8.flatMap((r) => [r[0], r[1]]),
    y: SINGLE_NEURON_8.map((r) => r[2]),
    classes: ['0', '1'],
    targetColumns: [],
    isTest: SINGLE_NEURON_8.map(() => 0)
  };
}

/** The Keras quick example's data, by KERAS_QUICK_RULE. */
export function kerasQuickSource(seed = 42): TableSource {
  const rng = createRng(seed);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < 300; i++) {
    const a = rng.next();
    const b = rng.next();
    x.push(a, b);
    y.push(a + b > 1 ? 1 : 0);
  }
  return {
    kind: 'table',
    name: 'Keras quick example',
    columns: ['x1', 'x2'],
    x,
    y,
    classes: ['0', '1'],
    targetColumns: [],
    isTest: y.map((_, i) => (i < 100 ? 0 : 1))
  };
}
