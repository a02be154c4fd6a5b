import { describe, expect, it } from 'vitest';
import { smallNet } from '../fixtures';
import { ptr, simulator } from './testing';

describe('select tool', () => {
  it('goes idle → pointing → dragging → idle, moving the node under one gesture id', () => {
    const sim = simulator(smallNet());
    sim.send(ptr('down', 228, 44));
    expect(sim.state.mode).toBe('select');
    expect(sim.state.select.name).toBe('pointing');
    expect(sim.ctx.selection).toEqual(['h']);
    sim.send(ptr('move', 230, 45));
    expect(sim.state.select.name).toBe('pointing');
    expect(sim.changes).toEqual([]);
    sim.send(ptr('move', 248, 54));
    expect(sim.state.select.name).toBe('dragging');
    sim.send(ptr('move', 268, 64));
    sim.send(ptr('up', 268, 64));
    expect(sim.state.mode).toBe('idle');
    expect(sim.state.select.name).toBe('idle');
    const h = sim.ctx.doc.nodes.find((n) => n.id === 'h')!;
    expect([h.x, h.y]).toEqual([240, 20]);
    expect(sim.changes).toEqual([
      { gesture: 'g1', type: 'moveNodes' },
      { gesture: 'g1', type: 'moveNodes' }
    ]);
    // the next drag is another gesture
    sim.send(ptr('down', 260, 50));
    sim.send(ptr('move', 300, 50));
    sim.send(ptr('up', 300, 50));
    expect(sim.changes.at(-1)).toEqual({ gesture: 'g2', type: 'moveNodes' });
  });

  it('drags every selected node together, scaled by zoom', () => {
    const sim = simulator(smallNet(), { x: 0, y: 0, zoom: 2 });
    sim.send(ptr('down', 40, 10)); // x at world (20, 5)
    sim.send(ptr('up', 40, 10));
    sim.send(ptr('down', 800, 10, { shiftKey: true })); // o at world (400, 5)
    sim.send(ptr('up', 800, 10, { shiftKey: true }));
    expect(sim.ctx.selection).toEqual(['x', 'o']);
    sim.send(ptr('down', 40, 10));
    sim.send(ptr('move', 60, 50));
    sim.send(ptr('up', 60, 50));
    const pos = Object.fromEntries(sim.ctx.doc.nodes.map((n) => [n.id, [n.x, n.y]]));
    expect(pos).toEqual({ x: [10, 20], h: [200, 0], o: [410, 20] });
  });

  it('shift-click toggles a node out of the selection', () => {
    const sim = simulator(smallNet());
    sim.ctx.selection = ['x', 'h'];
    sim.send(ptr('down', 228, 44, { shiftKey: true }));
    sim.send(ptr('up', 228, 44, { shiftKey: true }));
    expect(sim.ctx.selection).toEqual(['x']);
  });

  it('box-selects from empty canvas, clearing the old selection unless shift is held', () => {
    const sim = simulator(smallNet());
    sim.ctx.selection = ['o'];
    sim.send(ptr('down', 30, 300));
    expect(sim.state.select.name).toBe('boxSelecting');
    expect(sim.ctx.selection).toEqual([]);
    sim.send(ptr('move', 210, 80));
    expect(sim.ctx.selection).toEqual(['x', 'h']);
    expect(sim.effects.some((e) => e.type === 'ghost' && e.ghost?.kind === 'box')).toBe(true);
    sim.send(ptr('move', 100, 80));
    expect(sim.ctx.selection).toEqual(['x']);
    sim.send(ptr('up', 100, 80));
    expect(sim.state.mode).toBe('idle');
    expect(sim.effects.at(-1)).toEqual({ type: 'ghost', ghost: null });
    sim.send(ptr('down', 500, 300, { shiftKey: true }));
    sim.send(ptr('move', 420, 10, { shiftKey: true }));
    expect(sim.ctx.selection).toEqual(['x', 'o']);
  });

  it('puts nodes back when a drag is cancelled, under the same gesture', () => {
    const sim = simulator(smallNet());
    sim.send(ptr('down', 228, 44));
    sim.send(ptr('move', 328, 144));
    sim.send(ptr('cancel', 328, 144));
    expect(sim.state.mode).toBe('idle');
    const h = sim.ctx.doc.nodes.find((n) => n.id === 'h')!;
    expect([h.x, h.y]).toEqual([200, 0]);
    expect(new Set(sim.changes.map((c) => c.gesture))).toEqual(new Set(['g1']));
  });

  it('opens a weight on a link click, and a bias on a second click on a neuron', () => {
    const sim = simulator(smallNet());
    // unit 0 of x (y 22) to unit 0 of h (y 22): a straight link at y = 22
    sim.send(ptr('down', 128, 22));
    const up = sim.send(ptr('up', 128, 22));
    expect(sim.ctx.selection).toEqual(['e1']);
    expect(up).toEqual([{ type: 'editParam', ref: { kind: 'weight', from: 'x', to: 'h', i: 0, j: 0 }, at: { x: 128, y: 22 } }]);
    // first click on h's unit 2 selects, the second edits its bias
    sim.send(ptr('down', 228, 110));
    expect(sim.send(ptr('up', 228, 110))).toEqual([]);
    sim.send(ptr('down', 228, 110));
    expect(sim.send(ptr('up', 228, 110))).toEqual([
      { type: 'editParam', ref: { kind: 'bias', group: 'h', j: 2 }, at: { x: 228, y: 110 } }
    ]);
    // inputs have no bias
    sim.send(ptr('down', 28, 22));
    sim.send(ptr('up', 28, 22));
    sim.send(ptr('down', 28, 22));
    expect(sim.send(ptr('up', 28, 22))).toEqual([]);
  });

  it('does not drag when a wire is pressed', () => {
    const sim = simulator(smallNet());
    sim.send(ptr('down', 128, 22));
    sim.send(ptr('move', 160, 80));
    expect(sim.state.select.name).toBe('pointing');
    sim.send(ptr('up', 160, 80));
    expect(sim.changes).toEqual([]);
  });

  it('reports hover only while no button is held', () => {
    const sim = simulator(smallNet());
    const hover = sim.send(ptr('move', 219, 75, { buttons: 0 }));
    expect(hover).toEqual([{ type: 'hover', target: { kind: 'unit', nodeId: 'h', j: 1, u: 0.25, v: 0.75 }, at: { x: 219, y: 75 } }]);
    expect(sim.send(ptr('move', 219, 75, { buttons: 1 }))).toEqual([]);
    // pressing clears the hover
    expect(sim.send(ptr('down', 219, 75))[0]).toEqual({ type: 'hover', target: null, at: { x: 219, y: 75 } });
  });

  it('only pans on a locked canvas', () => {
    const sim = simulator(smallNet());
    sim.ctx.locked = true;
    sim.send(ptr('down', 228, 44));
    expect(sim.state.mode).toBe('pan');
    sim.send(ptr('move', 238, 54));
    sim.send(ptr('up', 238, 54));
    expect(sim.changes).toEqual([]);
    expect(sim.ctx.selection).toEqual([]);
    expect(sim.ctx.camera).toEqual({ x: 10, y: 10, zoom: 1 });
  });
});
