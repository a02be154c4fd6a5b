import { describe, expect, it } from 'vitest';
import { apply } from '../model/apply';
import { smallNet } from './fixtures';
import { nudgeSelection, prune, removeSelection, sameSelection, selectAll, selectedEdgeIds, selectedNodeIds, toggle, union } from './selection';

describe('selection', () => {
  it('toggles, unions and compares in pick order', () => {
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
    expect(toggle(['b'], 'a')).toEqual(['b', 'a']);
    expect(union(['a', 'b'], ['c', 'a'])).toEqual(['a', 'b', 'c']);
    expect(sameSelection(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameSelection(['a', 'b'], ['b', 'a'])).toBe(false);
  });
  it('prunes ids that left the document, keeping the same array when nothing changed', () => {
    const doc = smallNet();
    const kept = ['x', 'e1'];
    expect(prune(kept, doc)).toBe(kept);
    expect(prune(['x', 'gone', 'e2'], doc)).toEqual(['x', 'e2']);
  });
  it('splits nodes and wires in document order', () => {
    const doc = smallNet();
    expect(selectedNodeIds(doc, ['o', 'e1', 'x'])).toEqual(['x', 'o']);
    expect(selectedEdgeIds(doc, ['o', 'e2', 'e1'])).toEqual(['e1', 'e2']);
    expect(selectAll(doc)).toEqual(['x', 'h', 'o', 'e1', 'e2']);
  });
  it('removes a lone node as one removeNode and undoes cleanly through apply', () => {
    const doc = smallNet();
    expect(removeSelection(doc, ['o'])).toEqual({ type: 'removeNode', id: 'o' });
    const after = apply(doc, removeSelection(doc, ['o', 'e1'])!);
    expect(after.edges).toEqual([]);
    expect(nudgeSelection(doc, ['e1'], 1, 1)).toBeNull();
  });
});
