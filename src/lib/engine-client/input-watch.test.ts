import { describe, expect, it } from 'vitest';
import { watchInput } from './input-watch';

function fire(target: EventTarget, type: string, timeStamp: number) {
  const event = new Event(type);
  Object.defineProperty(event, 'timeStamp', { value: timeStamp });
  target.dispatchEvent(event);
}

/** Fire `events` ([type, timeStamp]) in order. */
function fireAll(target: EventTarget, events: [string, number][]) {
  for (const [type, timeStamp] of events) fire(target, type, timeStamp);
}

/** A target watched with `intervalMs` spacing, and the notices it gave. */
function watched(intervalMs: number) {
  const target = new EventTarget();
  const seen: number[] = [];
  const discrete: number[] = [];
  const stop = watchInput(
    target,
    (now, isDiscrete) => {
      seen.push(now);
      if (isDiscrete) discrete.push(now);
    },
    intervalMs
  );
  return { target, seen, discrete, stop };
}

describe('watchInput', () => {
  it('notices moves and the wheel at most once per interval', () => {
    const { target, seen, discrete } = watched(100);
    fireAll(target, [
      ['pointermove', 1000],
      ['pointermove', 1040],
      ['wheel', 1090],
      ['wheel', 1100],
      ['pointermove', 1150],
      ['pointermove', 1250]
    ]);
    expect(seen).toEqual([1000, 1100, 1250]);
    expect(discrete).toEqual([]);
  });

  it('notices every press, release and key, marked as discrete, and they restart the interval', () => {
    const { target, seen, discrete } = watched(100);
    fireAll(target, [
      ['pointermove', 1000],
      ['keydown', 1010],
      ['keydown', 1020],
      ['pointerdown', 1030],
      ['pointerup', 1040],
      ['pointermove', 1100],
      ['pointermove', 1140]
    ]);
    expect(seen).toEqual([1000, 1010, 1020, 1030, 1040, 1140]);
    expect(discrete).toEqual([1010, 1020, 1030, 1040]);
  });

  it('ignores other events, and nothing after it stops', () => {
    const { target, seen, stop } = watched(100);
    fire(target, 'scroll', 1000);
    fire(target, 'focus', 1200);
    expect(seen).toEqual([]);
    fire(target, 'keydown', 1300);
    // A release counts too (a click's effects come with it).
    fire(target, 'pointerup', 1450);
    stop();
    fire(target, 'keydown', 1600);
    expect(seen).toEqual([1300, 1450]);
  });

  it('a clock that went back (a new page time origin) does not silence it', () => {
    const { target, seen } = watched(100);
    fire(target, 'keydown', 5000);
    fire(target, 'keydown', 20);
    expect(seen).toEqual([5000, 20]);
  });
});
