/**
 * Challenges: a starting playground (a preset), what the learner may not change, and a goal. Three are ready
 * for the course's lessons; a teacher can write any other into a link (`preset=…&lock=data&goal=…`).
 * `readChallenge` finds the challenge a page's URL asks for.
 */
import { MEASURE_NAMES, parseGoal, type Goal } from './goal';

export interface ReadyChallenge {
  id: string;
  title: string;
  /** what the learner is asked to do, in a sentence or two */
  description: string;
  preset: string;
  /** the `goal=` value */
  goal: string;
  maxEpochs?: number;
  /** the `lock=` value: what stays fixed */
  lock: string;
}

export const CHALLENGES: readonly ReadyChallenge[] = [
  {
    id: 'spiral-30',
    title: 'Fit the spiral with ≤ 30 parameters',
    description:
      'Reach 90 % test accuracy on the spiral with a network of at most 30 weights and biases. Extra input features (sin x₁, x₁²…) are allowed; the data is fixed.',
    preset: 'classic-spiral',
    goal: 'params<=30,test_accuracy>=0.9',
    lock: 'data'
  },
  {
    id: 'hotel-plane',
    title: 'Beat the best plane on the hotel prices',
    description:
      'A linear network can only fit a plane to the 32 hotels (training MSE ≈ 924 at best). Change the network so the training MSE drops below 900 within 800 epochs.',
    preset: 'hotel-rating-linear',
    goal: 'train_loss<900',
    maxEpochs: 800,
    lock: 'data'
  },
  {
    id: 'mnist-95',
    title: 'Reach 95 % on MNIST with 10,000 parameters',
    description: 'Classify the 2,000 held-out handwritten digits with at least 95 % accuracy, within 10 epochs, using at most 10,000 parameters. The dense network you start from has over 100,000: a small conv net (Conv, Pool and Flatten in the palette) can do it.',
    preset: 'mnist',
    goal: 'params<=10000&test_accuracy>=0.95',
    maxEpochs: 10,
    lock: 'data'
  }
];

export function challengeById(id: string): ReadyChallenge | undefined {
  return CHALLENGES.find((c) => c.id === id);
}

export interface ChallengeConfig {
  /** the ready challenge's id, or null for a goal written into the link */
  id: string | null;
  title: string;
  /** the goal, or null when it could not be read (then `error` says why) */
  goal: Goal | null;
  error: string | null;
}

/**
 * `goal=params<=20&test_accuracy>=0.9` in a URL splits at `&` into `goal=params<=20` and a key
 * `test_accuracy>` with the value `0.9`: such keys, named by a measure and ending in a comparison, are
 * conditions of the goal and are put back together here.
 */
function goalText(params: URLSearchParams): string | null {
  const goal = params.get('goal');
  if (goal === null) return null;
  const parts = [goal];
  for (const [key, value] of params) {
    const measure = /^([a-z0-9_]+)\s*[<>≤≥]/i.exec(key)?.[1]?.toLowerCase();
    if (measure && (MEASURE_NAMES as string[]).includes(measure)) parts.push(value === '' ? key : `${key}=${value}`);
  }
  return parts.join('&');
}

/**
 * The challenge a URL asks for (`challenge=spiral-30`, or `goal=…` with an optional `max_epochs`), with
 * the preset and lock it brings when the URL does not set its own. null when the URL sets no goal.
 */
export function readChallenge(params: URLSearchParams): { challenge: ChallengeConfig; preset: string | null; lock: string | null } | null {
  const id = params.get('challenge');
  const text = goalText(params);
  if (id === null && text === null) return null;
  const ready = id === null ? undefined : challengeById(id.trim());
  if (id !== null && !ready && text === null) {
    const known = CHALLENGES.map((c) => c.id).join(', ');
    return {
      challenge: { id: null, title: 'Challenge', goal: null, error: `There is no challenge called "${id.slice(0, 40)}" (known: ${known}).` },
      preset: null,
      lock: null
    };
  }
  // A goal written into the link wins over the ready challenge's (a teacher's variation of it).
  const budget = params.get('max_epochs') ?? (text === null && ready?.maxEpochs !== undefined ? String(ready.maxEpochs) : null);
  const read = parseGoal(text ?? ready!.goal, budget);
  return {
    challenge: {
      id: ready?.id ?? null,
      title: ready?.title ?? 'Challenge',
      goal: read.ok ? read.goal : null,
      error: read.ok ? null : read.message
    },
    preset: ready?.preset ?? null,
    lock: ready?.lock ?? null
  };
}
