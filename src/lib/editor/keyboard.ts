/**
 * Keyboard shortcuts of the canvas: a table from keys to commands, and the document change each command makes.
 * Both pure; the component only forwards key events (when the canvas has focus) and carries out the result.
 */
import type { Change, NetworkDoc } from '../model/document';
import { copySubgraph, pasteClipboard, type Clipboard } from './clipboard';
import { nudgeSelection, removeSelection, selectAll, selectedNodeIds, type Selection } from './selection';

export type Command =
  | { type: 'delete' }
  | { type: 'duplicate' }
  | { type: 'copy' }
  | { type: 'paste' }
  | { type: 'nudge'; dx: number; dy: number }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'selectAll' }
  | { type: 'fit' }
  | { type: 'zoomIn' }
  | { type: 'zoomOut' }
  | { type: 'cancel' };

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  altKey?: boolean;
}

/** World units an arrow key moves the selection; Shift moves ten times as far. */
export const NUDGE = 4;

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1]
};

export function commandFor(e: KeyInput): Command | null {
  const mod = !!(e.ctrlKey || e.metaKey);
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (e.altKey) return null;
  if (mod) {
    if (key === 'z') return e.shiftKey ? { type: 'redo' } : { type: 'undo' };
    if (key === 'y' && !e.shiftKey) return { type: 'redo' };
    if (e.shiftKey) return null;
    if (key === 'd') return { type: 'duplicate' };
    if (key === 'c') return { type: 'copy' };
    if (key === 'v') return { type: 'paste' };
    if (key === 'a') return { type: 'selectAll' };
    return null;
  }
  if (key === 'Delete' || key === 'Backspace') return { type: 'delete' };
  if (key === 'Escape') return { type: 'cancel' };
  const arrow = ARROWS[key];
  if (arrow) {
    const step = e.shiftKey ? NUDGE * 10 : NUDGE;
    return { type: 'nudge', dx: arrow[0] * step, dy: arrow[1] * step };
  }
  if (e.shiftKey) return null;
  if (key === 'f') return { type: 'fit' };
  if (key === '+' || key === '=') return { type: 'zoomIn' };
  if (key === '-') return { type: 'zoomOut' };
  return null;
}

/** Keys that act on the whole page, wherever the focus is (outside text fields): Space plays or pauses, R resets. */
export type PageCommand = 'toggle' | 'reset';

export function pageCommandFor(e: KeyInput): PageCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return null;
  if (e.key === ' ') return 'toggle';
  if (e.key === 'r' || e.key === 'R') return 'reset';
  return null;
}

export interface CommandResult {
  /** the document change to record (null: the command changes no document) */
  change: Change | null;
  /** the new selection, when the command sets one */
  selection?: Selection;
  /** the new clipboard, when the command sets one */
  clipboard?: Clipboard | null;
}

/**
 * What a command does to the document and selection. undo, redo, fit and zoom belong to the
 * history and the camera, which the caller owns: they come back with no change.
 */
export function changesFor(
  command: Command,
  doc: NetworkDoc,
  selection: Selection,
  clipboard: Clipboard | null = null
): CommandResult {
  switch (command.type) {
    case 'delete':
      return { change: removeSelection(doc, selection), selection: [] };
    case 'nudge':
      return { change: nudgeSelection(doc, selection, command.dx, command.dy) };
    case 'selectAll':
      return { change: null, selection: selectAll(doc) };
    case 'cancel':
      return { change: null, selection: [] };
    case 'copy': {
      const copied = copySubgraph(doc, selectedNodeIds(doc, selection));
      return copied ? { change: null, clipboard: copied } : { change: null };
    }
    case 'paste': {
      if (!clipboard) return { change: null };
      const paste = pasteClipboard(doc, clipboard);
      return { change: paste.change, selection: paste.ids, clipboard: paste.clipboard };
    }
    case 'duplicate': {
      // Duplicate leaves the clipboard alone: it is copy + paste without the copy surviving.
      const copied = copySubgraph(doc, selectedNodeIds(doc, selection));
      if (!copied) return { change: null };
      const paste = pasteClipboard(doc, copied);
      return { change: paste.change, selection: paste.ids };
    }
    default:
      return { change: null };
  }
}
