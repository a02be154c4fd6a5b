/**
 * The postMessage API between a host page and an embedded playground: the commands a host may send,
 * the events the playground posts back, and their valibot schemas.
 *
 * Every message carries `axon: 1`. The field namespaces our traffic (other scripts on a course page
 * post messages too, and those are ignored quietly) and versions it (a later API can be `axon: 2`).
 */
import * as v from 'valibot';
import { ACTIVATIONS, LOSSES, OPTIMIZERS } from '../../../workers/engine';
import { issueMessage } from '../model/issues';

export const API_VERSION = 1;

/** Hard limits on what a message may contain, so a hostile host cannot stall the page. */
export const LIMITS = {
  depth: 24,
  /** objects + arrays + leaves */
  values: 200_000,
  /** one string */
  stringLength: 100_000,
  /** every string together */
  totalStringLength: 4_000_000,
  maxSteps: 10_000
} as const;

/** Keys that could reach an object's prototype if some later code merged the message into an object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const axon = v.literal(API_VERSION);
const finite = () => v.pipe(v.number(), v.finite());
const integerIn = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const numberIn = (min: number, max: number) => v.pipe(finite(), v.minValue(min), v.maxValue(max));

const presetName = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/i, 'a preset name is letters, digits, - and _ (at most 64)'));
const seed = integerIn(0, 4_294_967_295);
const plainObject = v.custom<Record<string, unknown>>(
  (input) => typeof input === 'object' && input !== null && !Array.isArray(input),
  'the state must be an object (a playground JSON file)'
);

const loadPresetSchema = v.strictObject({ axon, type: v.literal('load'), preset: presetName });
const loadStateSchema = v.strictObject({ axon, type: v.literal('load'), state: plainObject });

/** Hidden-layer activations a host may pick (softmax only makes sense on an output group). */
const HIDDEN_ACTIVATIONS = ACTIVATIONS.filter((a) => a !== 'softmax');

const setParamSchema = v.variant(
  'name',
  [
    v.strictObject({ axon, type: v.literal('setParam'), name: v.literal('learningRate'), value: v.pipe(finite(), v.gtValue(0), v.maxValue(10)) }),
    v.strictObject({ axon, type: v.literal('setParam'), name: v.literal('batchSize'), value: integerIn(0, 100_000) }),
    v.strictObject({ axon, type: v.literal('setParam'), name: v.literal('optimizer'), value: v.picklist(OPTIMIZERS) }),
    v.strictObject({ axon, type: v.literal('setParam'), name: v.literal('loss'), value: v.picklist(LOSSES) }),
    v.strictObject({ axon, type: v.literal('setParam'), name: v.literal('l1'), value: numberIn(0, 10) }),
    v.strictObject({ axon, type: v.literal('setParam'), name: v.literal('l2'), value: numberIn(0, 10) }),
    v.strictObject({ axon, type: v.literal('setParam'), name: v.literal('momentum'), value: v.pipe(finite(), v.minValue(0), v.ltValue(1)) }),
    v.strictObject({ axon, type: v.literal('setParam'), name: v.literal('activation'), value: v.picklist(HIDDEN_ACTIVATIONS) }),
    v.strictObject({ axon, type: v.literal('setParam'), name: v.literal('noise'), value: numberIn(0, 1) }),
    v.strictObject({ axon, type: v.literal('setParam'), name: v.literal('testFraction'), value: numberIn(0, 0.9) }),
    v.strictObject({ axon, type: v.literal('setParam'), name: v.literal('seed'), value: seed }),
    v.strictObject({ axon, type: v.literal('setParam'), name: v.literal('maxEpochs'), value: integerIn(0, 1_000_000) }),
    v.strictObject({ axon, type: v.literal('setParam'), name: v.literal('earlyStoppingPatience'), value: integerIn(0, 10_000) })
  ],
  'setParam: unknown name'
);

const httpUrl = v.pipe(
  v.string(),
  v.maxLength(2000),
  v.check((text) => /^https?:\/\//i.test(text) && URL.canParse(text), 'expected an http(s) address')
);
/**
 * The LRS a challenge reports to. The host passes it at run time, so the credentials are never in a link or a
 * page's source; the playground keeps them in memory only.
 */
const xapiSchema = v.strictObject({
  axon,
  type: v.literal('xapi'),
  endpoint: httpUrl,
  /** the Authorization header's value, e.g. "Basic dXNlcjpwYXNz" */
  auth: v.optional(v.pipe(v.string(), v.maxLength(4000))),
  /** the xAPI actor (Agent); a nameless one for this host when absent */
  actor: v.optional(plainObject),
  /** the activity id to report against; the challenge's address when absent */
  activity: v.optional(httpUrl)
});
export type XapiCommand = v.InferOutput<typeof xapiSchema>;

/** One schema per command type, so an error names the field that is wrong rather than "no union member matched". */
const COMMAND_SCHEMAS = {
  load: v.union([loadPresetSchema, loadStateSchema]),
  play: v.strictObject({ axon, type: v.literal('play') }),
  pause: v.strictObject({ axon, type: v.literal('pause') }),
  step: v.strictObject({ axon, type: v.literal('step'), steps: v.optional(integerIn(1, LIMITS.maxSteps)) }),
  reset: v.strictObject({ axon, type: v.literal('reset'), seed: v.optional(seed) }),
  setParam: setParamSchema,
  getState: v.strictObject({ axon, type: v.literal('getState') }),
  xapi: xapiSchema
} as const;

export const COMMAND_TYPES = Object.keys(COMMAND_SCHEMAS) as (keyof typeof COMMAND_SCHEMAS)[];

export type LoadCommand = v.InferOutput<(typeof COMMAND_SCHEMAS)['load']>;
export type SetParamCommand = v.InferOutput<typeof setParamSchema>;
export type SetParamName = SetParamCommand['name'];
/** The settings a host may change with setParam. */
export const SET_PARAM_NAMES = setParamSchema.options.map((option) => option.entries.name.literal) as SetParamName[];
export type Command = { [K in keyof typeof COMMAND_SCHEMAS]: v.InferOutput<(typeof COMMAND_SCHEMAS)[K]> }[keyof typeof COMMAND_SCHEMAS];

/** Events the playground posts to its host. */
export type AxonEvent =
  | { axon: 1; type: 'ready'; version: number }
  | { axon: 1; type: 'epoch'; epoch: number; loss: number; testLoss: number; accuracy: number | null }
  | { axon: 1; type: 'diverged'; step: number; message: string }
  | { axon: 1; type: 'stopped'; reason: string }
  | { axon: 1; type: 'error'; message: string }
  /** the answer to getState: the playground as a JSON-ready object */
  | { axon: 1; type: 'state'; state: unknown }
  /** the content's height in CSS pixels, whenever it changes (embed.js sizes the frame to it) */
  | { axon: 1; type: 'resize'; height: number }
  /**
   * the challenge's goal was met: `results` holds each measure of the goal at that moment
   * (accuracies 0…1), `goal` is the goal as link text, `challenge` the ready challenge's id or null
   */
  | { axon: 1; type: 'goalReached'; challenge: string | null; goal: string; epoch: number; results: Record<string, number> };

/** Events whose content is the learner's work: never posted to an origin we do not know. */
export function carriesState(event: AxonEvent): boolean {
  return event.type === 'state' || event.type === 'goalReached';
}

export type ParseResult = { ok: true; command: Command } | { ok: false; quiet: boolean; reason: string };

/**
 * Walks the message once, before any schema runs: bounded depth, count and string sizes,
 * only JSON-like values, no prototype keys. Returns the first problem, or null.
 */
export function checkShape(data: unknown): string | null {
  let values = 0;
  let chars = 0;
  const walk = (value: unknown, depth: number, path: string): string | null => {
    if (++values > LIMITS.values) return `more than ${LIMITS.values} values`;
    if (value === null || typeof value === 'boolean') return null;
    if (typeof value === 'number') return null;
    if (typeof value === 'string') {
      if (value.length > LIMITS.stringLength) return `${path || 'message'}: a string of ${value.length} characters (limit ${LIMITS.stringLength})`;
      chars += value.length;
      if (chars > LIMITS.totalStringLength) return `more than ${LIMITS.totalStringLength} characters of text`;
      return null;
    }
    if (typeof value !== 'object') return `${path || 'message'}: a ${typeof value} is not JSON`;
    if (depth >= LIMITS.depth) return `${path}: nested deeper than ${LIMITS.depth}`;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const problem = walk(value[i], depth + 1, `${path}[${i}]`);
        if (problem) return problem;
      }
      return null;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return `${path || 'message'}: only plain objects are accepted`;
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `${path ? `${path}.` : ''}${key}: a forbidden key`;
      const problem = walk((value as Record<string, unknown>)[key], depth + 1, path ? `${path}.${key}` : key);
      if (problem) return problem;
    }
    return null;
  };
  return walk(data, 0, '');
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  const path = v.getDotPath(issue);
  // A union reports its own message; its members' issues say which field failed, which is more useful.
  const detail = issue.issues?.[0];
  if (detail) {
    const detailPath = v.getDotPath(detail);
    return `${detailPath ? `${detailPath}: ` : ''}${words(detail)}`;
  }
  return `${path ? `${path}: ` : ''}${words(issue)}`;
}

/** valibot's issue in the same plain words files and links use ("expected a number, got NaN"). */
function words(issue: v.BaseIssue<unknown>): string {
  // strictObject reports an extra key as "Expected never"; say it in words.
  if (issue.expected === 'never') return 'unknown field';
  if (issue.input === undefined && (issue.path?.length ?? 0) > 0) return 'missing';
  return issueMessage(issue);
}

/**
 * Reads one message's data. `quiet` is set for traffic that is not ours (an object with no `axon` field),
 * which the bridge ignores without a warning.
 */
export function parseCommand(data: unknown): ParseResult {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const what = Array.isArray(data) ? 'an array' : data === null ? 'null' : data === undefined ? 'empty' : `a ${typeof data}`;
    return { ok: false, quiet: false, reason: `the message is ${what}, not an object` };
  }
  if (!Object.prototype.hasOwnProperty.call(data, 'axon')) return { ok: false, quiet: true, reason: 'not an Axon message' };
  const shape = checkShape(data);
  if (shape) return { ok: false, quiet: false, reason: shape };
  const record = data as Record<string, unknown>;
  if (record.axon !== API_VERSION) return { ok: false, quiet: false, reason: `axon: version ${JSON.stringify(record.axon)} is not supported (expected 1)` };
  const type = record.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(COMMAND_SCHEMAS, type)) {
    const shown = typeof type === 'string' ? `unknown command ${JSON.stringify(type.slice(0, 40))}` : type === undefined ? 'missing' : `unknown command ${String(type)}`;
    return { ok: false, quiet: false, reason: `type: ${shown} (known: ${COMMAND_TYPES.join(', ')})` };
  }
  let schema: v.GenericSchema = COMMAND_SCHEMAS[type as keyof typeof COMMAND_SCHEMAS];
  if (type === 'load') {
    // Pick the load form by its key, so the error is about that form's field.
    const hasPreset = 'preset' in record;
    const hasState = 'state' in record;
    if (hasPreset === hasState) return { ok: false, quiet: false, reason: 'load needs exactly one of "preset" (a name) or "state" (a playground object)' };
    schema = hasPreset ? loadPresetSchema : loadStateSchema;
  }
  if (type === 'setParam' && !SET_PARAM_NAMES.includes(record.name as SetParamName)) {
    const shown = typeof record.name === 'string' ? `unknown setting ${JSON.stringify(record.name.slice(0, 40))}` : record.name === undefined ? 'missing' : `unknown setting ${String(record.name)}`;
    return { ok: false, quiet: false, reason: `name: ${shown} (known: ${SET_PARAM_NAMES.join(', ')})` };
  }
  const result = v.safeParse(schema, data);
  if (!result.success) return { ok: false, quiet: false, reason: describeIssues(result.issues) };
  return { ok: true, command: result.output as Command };
}

/** An event without its namespace field, as the page writes it. */
export type EventBody = AxonEvent extends infer E ? (E extends AxonEvent ? Omit<E, 'axon'> : never) : never;

/** Adds the namespace field. */
export function axonEvent(body: EventBody): AxonEvent {
  return { axon: API_VERSION, ...body } as AxonEvent;
}
