/**
 * The fuzz suites' shared frame (imported only by *.fuzz.test.ts): one test per bad input, each asserting
 * that no exception escapes, that the person gets a message naming the problem, and that the document
 * open before the input arrived is untouched. Each suite prints its counts when it ends.
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../workers/engine';
import { defaultState } from '../model/defaults';
import type { PlaygroundState } from '../model/playground';
import { validate } from '../model/validate';

export interface FuzzCase<T> {
  name: string;
  input: T;
}

/** What the app would show for one input: refusals, warnings, and the problems of a network it opened. */
export interface FuzzOutcome {
  messages: string[];
}

/** The work a person has open when the bad input arrives: a trained-looking table playground. */
export function previousDocument(): PlaygroundState {
  const state = defaultState();
  state.settings = { ...state.settings, learningRate: 0.1, optimizer: 'adam', seed: 7 };
  state.data = {
    kind: 'table',
    name: 'my data',
    columns: ['a', 'b'],
    x: [0.5, 1, -1, 2, 3, -0.25, 4, 4],
    y: [0, 1, 1, 0],
    classes: ['no', 'yes'],
    targetColumns: [],
    isTest: [0, 0, 1, 0]
  };
  return state;
}

/** Messages for a network that was read: what the editor would list before training it. */
export function networkMessages(state: PlaygroundState | null): string[] {
  return state ? validate(state.doc).map((p) => p.message) : [];
}

/**
 * Text that betrays an internal value or a library's raw wording in a message instead of words for the
 * person. (NaN is not listed: "expected a finite number, got NaN" names the value that was sent.)
 */
const LEAKS = [/(?<!")\bundefined\b(?!")/, /\[object /, /is not a function/, /Cannot read propert/, /^Invalid (type|key)/];

/** ASCII rendering of a test name, so line breaks and invisible characters show in the list. */
export function shown(text: string, max = 60): string {
  const cut = text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
  return cut.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A seeded source of test inputs: the same seed, the same cases on every run. */
export function fuzzRng(seed: number): Rng {
  return createRng(seed);
}

/** Random bytes as the text a file reader would make of them (UTF-8 with replacement characters). */
export function randomText(rng: Rng, length: number): string {
  const bytes = Uint8Array.from({ length }, () => rng.int(256));
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * Registers one test per case. `run` turns an input into what the app would show; it is given the open
 * document so that a parser which touched it would be caught. `swallowed` matches a message that only
 * reports an unexpected exception caught by a last-resort handler: such a case counts as an escape.
 * `says` gives, by case name, what the messages of hand-written cases must say (generated cases only
 * need some message); a name that matches no case is an error in the suite.
 */
export function fuzz<T>(
  category: string,
  cases: FuzzCase<T>[],
  run: (input: T, current: PlaygroundState) => FuzzOutcome | Promise<FuzzOutcome>,
  options: { swallowed?: RegExp; says?: Record<string, RegExp> } = {}
): void {
  const says = options.says ?? {};
  const unknown = Object.keys(says).filter((name) => !cases.some((c) => c.name === name));
  if (unknown.length > 0) throw new Error(`The fuzz suite "${category}" expects messages for cases it does not have: ${unknown.join(', ')}`);
  const tally = { cases: cases.length, exceptions: 0, changed: 0, withMessage: 0 };
  describe(`fuzz: ${category}`, () => {
    afterAll(() => {
      console.log(
        `fuzz ${category}: ${tally.cases} cases, ${tally.exceptions} exceptions escaped, ${tally.changed} documents changed, ${tally.withMessage} with a message`
      );
    });

    it.each(cases.map((c, i) => [shown(c.name), i] as const))('%s', async (_name, i) => {
      const current = previousDocument();
      const before = structuredClone(current);
      let outcome: FuzzOutcome;
      try {
        outcome = await run(cases[i].input, current);
      } catch (error) {
        tally.exceptions++;
        throw error;
      }
      const messages = outcome.messages.filter((m) => m.trim() !== '');
      if (options.swallowed && messages.some((m) => options.swallowed!.test(m))) tally.exceptions++;
      const changed = !isDeepStrictEqual(current, before);
      if (changed) tally.changed++;
      if (messages.length > 0) tally.withMessage++;

      expect(changed, 'the open document was changed').toBe(false);
      expect(messages.length, 'no message was produced').toBeGreaterThan(0);
      if (options.swallowed) expect(messages.filter((m) => options.swallowed!.test(m))).toEqual([]);
      const wanted = Object.hasOwn(says, cases[i].name) ? says[cases[i].name] : undefined;
      if (wanted) expect(messages.join('\n')).toMatch(wanted);
      for (const message of messages) for (const leak of LEAKS) expect(message).not.toMatch(leak);
      // Nothing in a payload may reach the prototype every object shares.
      expect(Object.prototype).not.toHaveProperty('polluted');
    });
  });
}
