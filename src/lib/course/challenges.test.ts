import { describe, expect, it } from 'vitest';
import { presetById } from '../data/presets';
import { parseEmbedParams } from '../embed/params';
import { CHALLENGES, readChallenge } from './challenges';
import { parseGoal } from './goal';

const read = (query: string) => readChallenge(new URLSearchParams(query));

describe('the ready challenges', () => {
  it('each names a preset that exists and a goal that reads', () => {
    expect(CHALLENGES.map((c) => c.id)).toEqual(['spiral-30', 'hotel-plane', 'mnist-95']);
    for (const challenge of CHALLENGES) {
      expect(presetById(challenge.preset), challenge.id).toBeDefined();
      expect(parseGoal(challenge.goal, challenge.maxEpochs === undefined ? null : String(challenge.maxEpochs)).ok, challenge.id).toBe(true);
    }
  });
});

describe('readChallenge', () => {
  it('is null without a goal or a challenge', () => {
    expect(read('preset=classic-xor')).toBeNull();
  });

  it('opens a ready challenge with its preset, lock and budget', () => {
    expect(read('challenge=hotel-plane')).toEqual({
      challenge: {
        id: 'hotel-plane',
        title: 'Beat the best plane on the hotel prices',
        goal: { conditions: [{ measure: 'train_loss', op: '<', value: 900 }], maxEpochs: 800 },
        error: null
      },
      preset: 'hotel-rating-linear',
      lock: 'data'
    });
  });

  it('puts a goal split by the URL at "&" back together', () => {
    // As typed in a link: the second condition arrives as the key "test_accuracy>" with the value "0.9".
    expect(read('goal=params<=20&test_accuracy>=0.9&max_epochs=500&lock=data')!.challenge.goal).toEqual({
      conditions: [
        { measure: 'params', op: '<=', value: 20 },
        { measure: 'test_accuracy', op: '>=', value: 0.9 }
      ],
      maxEpochs: 500
    });
    expect(read('goal=test_loss<=0.1&train_accuracy>0.5')!.challenge.goal!.conditions).toHaveLength(2);
    expect(read(`goal=${encodeURIComponent('params<=20&test_accuracy>=0.9')}`)!.challenge.goal!.conditions).toHaveLength(2);
  });

  it('a bad goal or an unknown challenge is an error to show, never a throw', () => {
    expect(read('goal=accuracy>>2')!.challenge).toMatchObject({ goal: null, error: expect.stringMatching(/unknown measure "accuracy"/) });
    expect(read('challenge=moon-landing')!.challenge).toMatchObject({ goal: null, error: expect.stringMatching(/no challenge called "moon-landing" \(known: spiral-30/) });
    expect(read('goal=test_loss<=0.1&max_epochs=-3')!.challenge.error).toMatch(/max_epochs="-3"/);
  });
});

describe('the challenge embed option', () => {
  it('brings the challenge’s preset and lock unless the link sets its own', () => {
    const config = parseEmbedParams('challenge=spiral-30', '/embed');
    expect(config.preset).toBe('classic-spiral');
    expect([...config.lock]).toEqual(['data']);
    expect(config.challenge?.goal?.conditions).toHaveLength(2);
    const own = parseEmbedParams('challenge=spiral-30&preset=classic-xor&lock=all', '/embed');
    expect(own.preset).toBe('classic-xor');
    expect(own.lock.has('network')).toBe(true);
    expect(parseEmbedParams('', '/embed').challenge).toBeNull();
    expect(parseEmbedParams('goal=test_accuracy>>2', '/embed').warnings).toEqual([]);
  });
});
