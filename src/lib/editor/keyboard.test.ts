import { describe, expect, it } from 'vitest';
import { apply } from '../model/apply';
import { smallNet } from './fixtures';
import { changesFor, commandFor, NUDGE, pageCommandFor } from './keyboard';

describe('commandFor', () => {
  it('maps the shortcut table', () => {
    expect(commandFor({ key: 'Delete' })).toEqual({ type: 'delete' });
    expect(commandFor({ key: 'Backspace' })).toEqual({ type: 'delete' });
    expect(commandFor({ key: 'd', ctrlKey: true })).toEqual({ type: 'duplicate' });
    expect(commandFor({ key: 'd', metaKey: true })).toEqual({ type: 'duplicate' });
    expect(commandFor({ key: 'c', ctrlKey: true })).toEqual({ type: 'copy' });
    expect(commandFor({ key: 'v', metaKey: true })).toEqual({ type: 'paste' });
    expect(commandFor({ key: 'z', ctrlKey: true })).toEqual({ type: 'undo' });
    expect(commandFor({ key: 'Z', ctrlKey: true, shiftKey: true })).toEqual({ type: 'redo' });
    expect(commandFor({ key: 'z', metaKey: true, shiftKey: true })).toEqual({ type: 'redo' });
    expect(commandFor({ key: 'y', ctrlKey: true })).toEqual({ type: 'redo' });
    expect(commandFor({ key: 'a', ctrlKey: true })).toEqual({ type: 'selectAll' });
    expect(commandFor({ key: 'f' })).toEqual({ type: 'fit' });
    expect(commandFor({ key: 'Escape' })).toEqual({ type: 'cancel' });
  });
  it('nudges with arrows, ten times as far with shift', () => {
    expect(commandFor({ key: 'ArrowLeft' })).toEqual({ type: 'nudge', dx: -NUDGE, dy: 0 });
    expect(commandFor({ key: 'ArrowDown', shiftKey: true })).toEqual({ type: 'nudge', dx: 0, dy: NUDGE * 10 });
  });
  it('ignores plain letters, alt chords and unknown combos', () => {
    expect(commandFor({ key: 'd' })).toBeNull();
    expect(commandFor({ key: 'z', altKey: true, ctrlKey: true })).toBeNull();
    expect(commandFor({ key: 'q', ctrlKey: true })).toBeNull();
    expect(commandFor({ key: 'F', shiftKey: true })).toBeNull();
  });
});

describe('changesFor', () => {
  it('deletes selected nodes (their wires go with them) and selected wires', () => {
    const doc = smallNet();
    const r = changesFor({ type: 'delete' }, doc, ['h']);
    const after = apply(doc, r.change!);
    expect(after.nodes.map((n) => n.id)).toEqual(['x', 'o']);
    expect(after.edges).toEqual([]);
    expect(r.selection).toEqual([]);
    const wireOnly = apply(doc, changesFor({ type: 'delete' }, doc, ['e2']).change!);
    expect(wireOnly.edges.map((e) => e.id)).toEqual(['e1']);
    // a wire selected together with its node is not removed twice
    expect(() => apply(doc, changesFor({ type: 'delete' }, doc, ['e1', 'h']).change!)).not.toThrow();
    expect(changesFor({ type: 'delete' }, doc, []).change).toBeNull();
  });
  it('nudges the selected nodes only', () => {
    const doc = smallNet();
    const after = apply(doc, changesFor({ type: 'nudge', dx: 40, dy: -4 }, doc, ['x', 'e1']).change!);
    expect(after.nodes.map((n) => [n.x, n.y])).toEqual([
      [40, -4],
      [200, 0],
      [400, 0]
    ]);
  });
  it('duplicates a subgraph with new ids, offset, wires among the copies kept', () => {
    const doc = smallNet();
    const r = changesFor({ type: 'duplicate' }, doc, ['x', 'h']);
    const after = apply(doc, r.change!);
    expect(after.nodes.length).toBe(5);
    expect(r.selection).toEqual(['x1', 'h1', 'e3']);
    const copyH = after.nodes.find((n) => n.id === 'h1')!;
    expect([copyH.x, copyH.y, copyH.units]).toEqual([224, 24, 3]);
    expect(after.edges.at(-1)).toEqual({ id: 'e3', from: 'x1', to: 'h1' });
    expect(r.clipboard).toBeUndefined();
  });
  it('selects all and cancels', () => {
    const doc = smallNet();
    expect(changesFor({ type: 'selectAll' }, doc, []).selection).toEqual(['x', 'h', 'o', 'e1', 'e2']);
    expect(changesFor({ type: 'cancel' }, doc, ['x']).selection).toEqual([]);
    expect(changesFor({ type: 'undo' }, doc, ['x'])).toEqual({ change: null });
  });
});

describe('pageCommandFor', () => {
  it('Space plays or pauses and R resets; with a modifier they are the browser’s', () => {
    expect(pageCommandFor({ key: ' ' })).toBe('toggle');
    expect(pageCommandFor({ key: 'r' })).toBe('reset');
    expect(pageCommandFor({ key: 'r', ctrlKey: true })).toBeNull();
    expect(pageCommandFor({ key: 'f' })).toBeNull();
    // the canvas leaves R alone, so it reaches the page
    expect(commandFor({ key: 'r' })).toBeNull();
  });
});
