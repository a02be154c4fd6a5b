import { describe, expect, it } from 'vitest';
import { smallNet } from '../fixtures';
import { createEditorState, handleKey, KEY_ZOOM_IN } from './controller';
import type { ToolContext } from './types';

const context = (extra: Partial<ToolContext> = {}): ToolContext => ({ doc: smallNet(), camera: { x: 0, y: 0, zoom: 1 }, selection: [], ...extra });

describe('handleKey: keyboard shortcuts through the tool controller', () => {
  it('turns undo, fit and zoom into effects for the owner of history and camera', () => {
    const state = createEditorState();
    expect(handleKey(state, { key: 'z', ctrlKey: true }, context(), null, 'k1').effects).toEqual([{ type: 'history', action: 'undo' }]);
    expect(handleKey(state, { key: 'f' }, context(), null, 'k1').effects).toEqual([{ type: 'fit' }]);
    expect(handleKey(state, { key: '+' }, context(), null, 'k1').effects).toEqual([{ type: 'zoom', factor: KEY_ZOOM_IN }]);
  });

  it('deletes the selection as one change with the key’s gesture id, and clears the selection', () => {
    const doc = smallNet();
    const id = doc.nodes[1].id;
    const r = handleKey(createEditorState(), { key: 'Delete' }, context({ doc, selection: [id] }), null, 'k7');
    expect(r.effects[0]).toMatchObject({ type: 'change', gesture: 'k7' });
    expect(r.effects[1]).toEqual({ type: 'select', ids: [] });
  });

  it('a locked canvas copies and selects but never changes the document or history', () => {
    const doc = smallNet();
    const locked = context({ doc, selection: [doc.nodes[1].id], locked: true });
    expect(handleKey(createEditorState(), { key: 'Delete' }, locked, null, 'k1').effects).toEqual([]);
    expect(handleKey(createEditorState(), { key: 'z', ctrlKey: true }, locked, null, 'k1').effects).toEqual([]);
    const copy = handleKey(createEditorState(), { key: 'c', ctrlKey: true }, locked, null, 'k1');
    expect(copy.effects.map((e) => e.type)).toEqual(['clipboard']);
  });

  it('Escape dismisses and deselects; keys that are not the canvas’s are left to the page', () => {
    const r = handleKey(createEditorState(), { key: 'Escape' }, context({ selection: ['x'] }), null, 'k1');
    expect(r.effects).toEqual([{ type: 'dismiss' }, { type: 'select', ids: [] }]);
    expect(handleKey(createEditorState(), { key: 'r' }, context(), null, 'k1').handled).toBe(false);
  });
});
