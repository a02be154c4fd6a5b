/**
 * The playground as a JSON file: export for people to keep or share, import with errors that say
 * where the file is wrong. Importing never touches the current work: it only returns a new state or errors.
 */
import * as v from 'valibot';
import { formatMegabytes, MAX_JSON_FILE_BYTES } from '../limits';
import { locateJsonError } from './json-error';
import type { PlaygroundState } from './playground';
import { formatIssues, parseProgress, parseState, show, type SavedProgress } from './schema';
import { paramCounts } from './spec';

export const FILE_FORMAT = 'axon';
export const FILE_VERSION = 1;
/** Beyond this a file is refused before parsing (limits.ts; a character is at least one byte). */
export const MAX_FILE_CHARS = MAX_JSON_FILE_BYTES;

export interface SavedWeights {
  params: number[];
  /** 1 where the parameter is frozen, one entry per parameter */
  frozen: number[];
}

export type ImportResult =
  | { ok: true; state: PlaygroundState; weights?: SavedWeights; progress?: SavedProgress }
  | { ok: false; errors: string[] };

/**
 * Pretty JSON, except that lists of numbers stay on one line each (a table or the weights would
 * otherwise take one line per number).
 */
export function exportStateJson(state: PlaygroundState, weights?: SavedWeights, progress?: SavedProgress): string {
  const file: Record<string, unknown> = { format: FILE_FORMAT, version: FILE_VERSION, state };
  if (weights) file.weights = { params: weights.params, frozen: weights.frozen };
  // The counters and curve describe the weights: kept only with them (JSON writes their NaN figures as null).
  if (weights && progress) file.progress = progress;
  return prettyWithInlineNumbers(file);
}

function prettyWithInlineNumbers(value: unknown): string {
  const compact = JSON.stringify(value);
  const marker = '@@axon-numbers-';
  if (compact.includes(marker)) return JSON.stringify(value, null, 2);
  const inlined: string[] = [];
  const text = JSON.stringify(
    value,
    (_key, item: unknown) => {
      if (Array.isArray(item) && item.length > 0 && item.every((x) => typeof x === 'number')) {
        inlined.push(JSON.stringify(item));
        return `${marker}${inlined.length - 1}@@`;
      }
      return item;
    },
    2
  );
  return text.replace(/"@@axon-numbers-(\d+)@@"/g, (_m, n: string) => inlined[Number(n)]);
}

/** The engine holds weights as float32: a larger double would become Infinity there. */
const FLOAT32_MAX = 3.4028234663852886e38;

const WeightsSchema = v.object({
  params: v.array(
    v.pipe(
      v.number(),
      v.finite(),
      v.check((p) => Math.abs(p) <= FLOAT32_MAX, (issue) => `${show(issue.input)} is beyond what a float32 weight holds (about ±3.4e38)`)
    )
  ),
  frozen: v.array(v.picklist([0, 1], (issue) => `expected 0 or 1, got ${show(issue.input)}`))
});

export function importStateJson(text: string): ImportResult {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, errors: ['The file is empty.'] };
  if (text.length > MAX_FILE_CHARS) {
    return { ok: false, errors: [`The file is too large (${formatMegabytes(text.length)}; the limit is ${formatMegabytes(MAX_FILE_CHARS)}).`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const at = locateJsonError(text);
    const where = at ? `: unexpected ${at.found} at line ${at.line}, column ${at.column}` : '';
    return { ok: false, errors: [`The file is not valid JSON${where}.`] };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, errors: [`This is not an Axon file: it holds ${show(json)}, not an object with "format": "axon".`] };
  }
  const file = json as Record<string, unknown>;
  if (file.format !== FILE_FORMAT) {
    return {
      ok: false,
      errors: [file.format === undefined ? 'This is not an Axon file: it has no "format": "axon".' : `This is not an Axon file (format is ${show(file.format)}).`]
    };
  }
  if (typeof file.version !== 'number' || !Number.isInteger(file.version) || file.version < 1) {
    return { ok: false, errors: [`version: expected a whole number from 1, got ${show(file.version)}`] };
  }
  if (file.version > FILE_VERSION) {
    return { ok: false, errors: [`This file was made by a newer Axon (version ${file.version}); this one reads version ${FILE_VERSION}.`] };
  }
  if (file.state === undefined) return { ok: false, errors: ['state: missing (the file holds no playground)'] };

  const parsed = parseState(file.state);
  if (!parsed.ok) return parsed;
  if (file.weights === undefined) return { ok: true, state: parsed.state };

  const weights = v.safeParse(WeightsSchema, file.weights);
  if (!weights.success) return { ok: false, errors: formatIssues('weights', weights.issues) };
  const expected = paramCounts(parsed.state.doc).total;
  const { params, frozen } = weights.output;
  const errors: string[] = [];
  if (params.length !== expected) errors.push(`weights.params: ${params.length} values, but the network has ${expected} parameters`);
  if (frozen.length !== params.length) errors.push(`weights.frozen: ${frozen.length} flags for ${params.length} parameters`);
  if (errors.length > 0) return { ok: false, errors };
  if (file.progress === undefined) return { ok: true, state: parsed.state, weights: { params, frozen } };
  const progress = parseProgress(file.progress);
  if (!progress.ok) return progress;
  return { ok: true, state: parsed.state, weights: { params, frozen }, progress: progress.progress };
}
