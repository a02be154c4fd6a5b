/**
 * Reading a stored record back. Storage outlives versions of the app and can be damaged (an extension, a
 * crash mid-write, a hand edit in the developer tools), so nothing from IndexedDB is trusted: the state is
 * read with the same schema as files, and every other part is checked and dropped, with a sentence, when
 * it cannot be used. Never throws.
 */
import * as v from 'valibot';
import { DocSchema, EdgeSchema, NodeSchema, docErrors, parseProgress, parseState, recoverState, show, type SavedProgress } from '../model/schema';
import type { History } from '../model/history';
import type { SavedRecord } from './record';
import { revisionOf } from './store';
import { curveFromColumns } from './curve-columns';

export interface DecodedRecord {
  /** what could be read; null when the playground itself could not */
  record: SavedRecord | null;
  /** one sentence per part that was dropped or repaired; empty for a sound record */
  warnings: string[];
}

const CHANGE_TYPES = new Set(['addNode', 'removeNode', 'updateNode', 'moveNodes', 'addEdge', 'removeEdge', 'replace', 'batch']);
const MAX_CHANGE_DEPTH = 8;

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A change that undo could apply without putting a broken document on screen. */
function isChange(value: unknown, depth = 0): boolean {
  if (!isObject(value) || typeof value.type !== 'string' || !CHANGE_TYPES.has(value.type) || depth > MAX_CHANGE_DEPTH) return false;
  switch (value.type) {
    case 'replace': {
      const doc = v.safeParse(DocSchema, value.doc);
      return doc.success && docErrors(doc.output).length === 0;
    }
    case 'addNode':
      return v.safeParse(NodeSchema, value.node).success;
    case 'addEdge':
      return v.safeParse(EdgeSchema, value.edge).success;
    case 'removeNode':
    case 'removeEdge':
      return typeof value.id === 'string';
    case 'updateNode':
      return typeof value.id === 'string' && isObject(value.patch);
    case 'moveNodes':
      return (
        Array.isArray(value.moves) &&
        value.moves.every((m) => isObject(m) && typeof m.id === 'string' && Number.isFinite(m.x) && Number.isFinite(m.y))
      );
    default:
      return Array.isArray(value.changes) && value.changes.every((c) => isChange(c, depth + 1));
  }
}

function readHistory(value: unknown): History | null {
  if (!isObject(value) || !Array.isArray(value.past) || !Array.isArray(value.future)) return null;
  const entries = [...value.past, ...value.future];
  const sound = entries.every((e) => isObject(e) && isChange(e.forward) && isChange(e.inverse) && (e.gesture === undefined || typeof e.gesture === 'string'));
  return sound ? (value as unknown as History) : null;
}

function finiteArray(value: unknown): value is Float32Array {
  return value instanceof Float32Array && value.every((x) => Number.isFinite(x));
}

/** Stored progress: the curve as columns (curve-columns), or as epochs where an older version wrote it. */
function readProgress(value: unknown): ReturnType<typeof parseProgress> {
  if (!isObject(value) || value.curveColumns === undefined) return parseProgress(value);
  const columns = curveFromColumns(value.curveColumns);
  if (!columns.ok) return { ok: false, errors: [columns.error] };
  return parseProgress({ step: value.step, epoch: value.epoch, curve: columns.curve });
}

/** Reads a stored record; `what` names it in the sentences ("The autosave", "The save “Lesson 3”"). */
export function decodeRecord(raw: unknown, what = 'The autosave'): DecodedRecord {
  try {
    if (!isObject(raw)) return { record: null, warnings: [`${what} could not be read: it holds ${show(raw)}, not a playground.`] };
    const warnings: string[] = [];
    let state = null;
    const strict = parseState(raw.state);
    if (strict.ok) state = strict.state;
    else {
      // Keep whatever part of the playground is readable (the network above all), as a damaged link does.
      const recovered = recoverState(raw.state);
      if (!recovered.state) {
        return { record: null, warnings: [`${what} could not be read: ${strict.errors[0] ?? recovered.warnings[0] ?? 'no playground in it'}.`] };
      }
      state = recovered.state;
      warnings.push(`${what} was partly damaged and was repaired (${recovered.warnings[0] ?? strict.errors[0]}).`);
    }

    let params: Float32Array | null = null;
    let frozen: Uint8Array | null = null;
    if (raw.params !== null && raw.params !== undefined) {
      if (finiteArray(raw.params)) {
        params = raw.params;
        frozen = raw.frozen instanceof Uint8Array && raw.frozen.length === params.length ? raw.frozen : null;
      } else {
        warnings.push(`${what}'s trained weights were unusable (not finite numbers); the network starts from fresh weights.`);
      }
    }

    // The counters and curve belong to the weights: without usable weights they describe nothing on screen.
    let progress: SavedProgress | null = null;
    if (params && raw.progress !== null && raw.progress !== undefined) {
      const read = readProgress(raw.progress);
      if (read.ok) progress = read.progress;
      else warnings.push(`${what}'s epoch counter and curves could not be read (${read.errors[0]}); they start from 0.`);
    }

    let history = readHistory(raw.history);
    if (!history) {
      if (raw.history !== undefined) warnings.push(`${what}'s undo history could not be read; it starts empty.`);
      history = { past: [], future: [] };
    }

    const savedAt = typeof raw.savedAt === 'number' && Number.isFinite(raw.savedAt) ? raw.savedAt : 0;
    return { record: { state, params, frozen, ...(progress ? { progress } : {}), history, savedAt, revision: revisionOf(raw) }, warnings };
  } catch (error) {
    return { record: null, warnings: [`${what} could not be read (${error instanceof Error ? error.message : String(error)}).`] };
  }
}
