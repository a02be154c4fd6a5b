/**
 * The `compare=` embed option (`compare=optimizer:sgd,adam`, `compare=learningRate:0.3,0.03`): run A and
 * run B differ in one setting, each value checked by the same schema as the host's `setParam` command, so a
 * link can ask for exactly what a host message could and nothing more.
 */
import { ACTIVATIONS, LOSSES, OPTIMIZERS } from '../../../workers/engine';
import { parseCommand, type SetParamCommand, type SetParamName } from './messages';

/** The settings a comparison may vary: the ones that change how the same network learns on the same data. */
export const COMPARE_NAMES = ['optimizer', 'learningRate', 'activation', 'batchSize', 'loss', 'l1', 'l2', 'momentum'] as const satisfies readonly SetParamName[];
export type CompareName = (typeof COMPARE_NAMES)[number];

const NUMERIC: ReadonlySet<CompareName> = new Set(['learningRate', 'batchSize', 'l1', 'l2', 'momentum']);
/** The words a named setting takes, for a message that lists them (the schema's own says "Invalid type"). */
const WORDS: Partial<Record<CompareName, readonly string[]>> = {
  optimizer: OPTIMIZERS,
  loss: LOSSES,
  activation: ACTIVATIONS.filter((a) => a !== 'softmax')
};

export type CompareValue = SetParamCommand['value'];

export interface CompareOption {
  name: CompareName;
  /** run A's value, then run B's */
  values: [CompareValue, CompareValue];
}

/** Names are matched without regard to case, so `learningrate` and `learningRate` both work in a link. */
function findName(raw: string): CompareName | null {
  const wanted = raw.trim().toLowerCase();
  return COMPARE_NAMES.find((name) => name.toLowerCase() === wanted) ?? null;
}

function readValue(name: CompareName, raw: string): { value: CompareValue } | { problem: string } {
  const text = raw.trim();
  if (text === '') return { problem: 'has an empty value' };
  const value: unknown = NUMERIC.has(name) ? Number(text) : text.toLowerCase();
  const words = WORDS[name];
  if (words && !words.includes(value as string)) return { problem: `"${text}" is not one of ${words.join(', ')}` };
  const parsed = parseCommand({ axon: 1, type: 'setParam', name, value });
  if (!parsed.ok) return { problem: `"${text}": ${parsed.reason.replace(/^value: /, '')}` };
  return { value: (parsed.command as SetParamCommand).value };
}

/** Reads `name:a,b`; a problem is a sentence for the page's warning line. */
export function parseCompare(raw: string): { option: CompareOption } | { problem: string } {
  const colon = raw.indexOf(':');
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  if (colon < 0) return { problem: `compare: "${shown}" is not like optimizer:sgd,adam.` };
  const name = findName(raw.slice(0, colon));
  if (!name) return { problem: `compare: unknown setting "${raw.slice(0, Math.min(colon, 40))}" (known: ${COMPARE_NAMES.join(', ')}).` };
  const parts = raw.slice(colon + 1).split(',');
  if (parts.length !== 2) return { problem: `compare: give exactly two values for ${name}, e.g. ${name}:a,b.` };
  const values: CompareValue[] = [];
  for (const part of parts) {
    const read = readValue(name, part);
    if ('problem' in read) return { problem: `compare: ${name} ${read.problem}.` };
    values.push(read.value);
  }
  return { option: { name, values: [values[0], values[1]] } };
}

/** The option back as its URL value. */
export function formatCompare(option: CompareOption): string {
  return `${option.name}:${option.values.map(String).join(',')}`;
}
