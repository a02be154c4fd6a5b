/**
 * Undo history as plain data (tldraw-like): a list of entries, each holding the change that was made
 * and the change that undoes it. Pure functions return a new history; everything is JSON-serialisable,
 * so the history can be autosaved beside the document and survive a reload.
 */
import { apply, invert } from './apply';
import type { Change, NetworkDoc } from './document';

export interface Entry {
  forward: Change;
  inverse: Change;
  /** changes recorded with the same gesture id (one drag, one slider scrub) merge into one undo step */
  gesture?: string;
}

export interface History {
  /** oldest first; the last entry is the next to undo */
  past: Entry[];
  /** the last entry is the next to redo */
  future: Entry[];
}

export const HISTORY_LIMIT = 500;

export function createHistory(): History {
  return { past: [], future: [] };
}

export const canUndo = (history: History): boolean => history.past.length > 0;
export const canRedo = (history: History): boolean => history.future.length > 0;

/**
 * Applies `change` and records it. Throws ChangeError (from apply) when the change is refused;
 * then nothing is recorded.
 */
export function record(
  history: History,
  doc: NetworkDoc,
  change: Change,
  options: { gesture?: string } = {}
): { history: History; doc: NetworkDoc } {
  const inverse = invert(doc, change);
  const next = apply(doc, change);
  const last = history.past.at(-1);
  let past: Entry[];
  if (options.gesture !== undefined && last?.gesture === options.gesture) {
    past = [...history.past.slice(0, -1), merge(last, { forward: change, inverse, gesture: options.gesture })];
  } else {
    const entry: Entry = { forward: change, inverse };
    if (options.gesture !== undefined) entry.gesture = options.gesture;
    past = [...history.past, entry];
    if (past.length > HISTORY_LIMIT) past = past.slice(past.length - HISTORY_LIMIT);
  }
  return { history: { past, future: [] }, doc: next };
}

/** Undoes the last step, or returns null when there is nothing to undo or the step no longer applies. */
export function undo(history: History, doc: NetworkDoc): { history: History; doc: NetworkDoc } | null {
  const entry = history.past.at(-1);
  if (!entry) return null;
  const next = tryApply(doc, entry.inverse);
  if (!next) return null;
  return { history: { past: history.past.slice(0, -1), future: [...history.future, entry] }, doc: next };
}

/** Redoes the last undone step, or returns null. */
export function redo(history: History, doc: NetworkDoc): { history: History; doc: NetworkDoc } | null {
  const entry = history.future.at(-1);
  if (!entry) return null;
  const next = tryApply(doc, entry.forward);
  if (!next) return null;
  return { history: { past: [...history.past, entry], future: history.future.slice(0, -1) }, doc: next };
}

function tryApply(doc: NetworkDoc, change: Change): NetworkDoc | null {
  try {
    return apply(doc, change);
  } catch {
    // A history restored from storage may not match the document any more; refusing is safer than guessing.
    return null;
  }
}

/** One entry doing `a` then `b`. Moves and patches fold together so a long drag stays one small record. */
function merge(a: Entry, b: Entry): Entry {
  const gesture = b.gesture;
  if (a.forward.type === 'moveNodes' && b.forward.type === 'moveNodes' && a.inverse.type === 'moveNodes' && b.inverse.type === 'moveNodes') {
    // Forward: the latest position of every node. Inverse: the position before the first move of each node.
    const forward = new Map([...a.forward.moves, ...b.forward.moves].map((m) => [m.id, m]));
    const inverse = new Map([...b.inverse.moves, ...a.inverse.moves].map((m) => [m.id, m]));
    return {
      forward: { type: 'moveNodes', moves: [...forward.values()] },
      inverse: { type: 'moveNodes', moves: [...inverse.values()] },
      gesture
    } as Entry;
  }
  return {
    forward: { type: 'batch', changes: [...flatten(a.forward), ...flatten(b.forward)] },
    inverse: { type: 'batch', changes: [...flatten(b.inverse), ...flatten(a.inverse)] },
    gesture
  } as Entry;
}

function flatten(change: Change): Change[] {
  return change.type === 'batch' ? change.changes : [change];
}
