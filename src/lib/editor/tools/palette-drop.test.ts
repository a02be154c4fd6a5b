import { describe, expect, it } from 'vitest';
import { apply } from '../../model/apply';
import { smallNet } from '../fixtures';
import { beginPaletteDrag, createEditorState, handlePalettePointer } from './controller';
import { nodeForItem } from './palette-drop';
import { ptr } from './testing';
import type { ToolContext } from './types';

describe('palette drop', () => {
  it('goes idle → dragging → idle, adding a dense layer centred on the pointer and selecting it', () => {
    const ctx: ToolContext = { doc: smallNet(), camera: { x: 100, y: 0, zoom: 2 }, selection: ['x'], gesturePrefix: 'p' };
    let state = beginPaletteDrag(createEditorState(), 7, { kind: 'dense', units: 4 }, ctx);
    expect(state.mode).toBe('drop');
    let r = handlePalettePointer(state, { ...ptr('move', -50, 10, { pointerId: 7 }), overCanvas: false }, ctx);
    expect(r.effects).toEqual([{ type: 'ghost', ghost: null }]);
    r = handlePalettePointer(r.state, { ...ptr('move', 700, 600, { pointerId: 7 }), overCanvas: true }, ctx);
    // world (300, 300); 4 units are 56 × 176
    expect(r.effects).toEqual([
      { type: 'ghost', ghost: { kind: 'drop', box: { x: 272, y: 212, width: 56, height: 176 }, label: 'dense ×4' } }
    ]);
    r = handlePalettePointer(r.state, { ...ptr('up', 700, 600, { pointerId: 7 }), overCanvas: true }, ctx);
    state = r.state;
    expect(state.mode).toBe('idle');
    const change = r.effects.find((e) => e.type === 'change');
    expect(change).toMatchObject({ gesture: 'p1' });
    const doc = apply(ctx.doc, (change as { change: Parameters<typeof apply>[1] }).change);
    expect(doc.nodes.at(-1)).toEqual({ id: 'h1', kind: 'dense', label: '', x: 272, y: 212, units: 4, activation: 'tanh' });
    expect(r.effects.at(-1)).toEqual({ type: 'select', ids: ['h1'] });
  });

  it('drops nothing outside the canvas', () => {
    const ctx: ToolContext = { doc: smallNet(), camera: { x: 0, y: 0, zoom: 1 }, selection: [] };
    const state = beginPaletteDrag(createEditorState(), 1, { kind: 'neuron' }, ctx);
    const r = handlePalettePointer(state, { ...ptr('up', -10, 10), overCanvas: false }, ctx);
    expect(r.effects).toEqual([{ type: 'ghost', ghost: null }]);
    expect(r.state.mode).toBe('idle');
  });

  it('makes each kind of node', () => {
    const doc = smallNet();
    expect(nodeForItem({ kind: 'neuron' }, { x: 28, y: 22 }, doc)).toMatchObject({ kind: 'dense', units: 1, x: 0, y: 0 });
    expect(nodeForItem({ kind: 'input', feature: { op: 'square', a: 1 }, label: 'x2²' }, { x: 28, y: 22 }, doc)).toEqual({
      id: 'in1',
      kind: 'input',
      label: 'x2²',
      x: 0,
      y: 0,
      units: 1,
      activation: 'linear',
      features: [{ op: 'square', a: 1 }]
    });
    expect(nodeForItem({ kind: 'output', units: 3, activation: 'softmax' }, { x: 0, y: 0 }, doc)).toMatchObject({
      id: 'out1',
      kind: 'output',
      units: 3,
      activation: 'softmax'
    });
  });

  it('is ignored on a locked canvas', () => {
    const ctx: ToolContext = { doc: smallNet(), camera: { x: 0, y: 0, zoom: 1 }, selection: [], locked: true };
    expect(beginPaletteDrag(createEditorState(), 1, { kind: 'neuron' }, ctx).mode).toBe('idle');
  });
});
