import { describe, expect, it } from 'vitest';
import { smallNet } from '../fixtures';
import { pinchCamera, startPinch } from './pinch-tool';
import { ptr, simulator } from './testing';

describe('pan tool', () => {
  it('pans with space + drag, even over a node, without touching the document', () => {
    const sim = simulator(smallNet());
    sim.ctx.spaceHeld = true;
    sim.send(ptr('down', 228, 44));
    expect(sim.state.mode).toBe('pan');
    expect(sim.state.pan.name).toBe('panning');
    sim.send(ptr('move', 248, 84));
    expect(sim.ctx.camera).toEqual({ x: 20, y: 40, zoom: 1 });
    sim.send(ptr('up', 248, 84));
    expect(sim.state.mode).toBe('idle');
    expect(sim.changes).toEqual([]);
  });
  it('pans with the middle button', () => {
    const sim = simulator(smallNet(), { x: 5, y: 5, zoom: 2 });
    sim.send(ptr('down', 10, 10, { button: 1, buttons: 4 }));
    sim.send(ptr('move', 0, 30, { buttons: 4 }));
    expect(sim.ctx.camera).toEqual({ x: -5, y: 25, zoom: 2 });
    sim.send(ptr('up', 0, 30));
    expect(sim.state.mode).toBe('idle');
  });
});

describe('pinch tool', () => {
  const touch = (type: 'down' | 'move' | 'up', id: number, x: number, y: number) =>
    ptr(type, x, y, { pointerId: id, pointerType: 'touch' });

  it('turns a second finger into a pinch that zooms about the midpoint and pans with it', () => {
    const sim = simulator(smallNet());
    sim.send(touch('down', 1, 100, 300));
    expect(sim.state.select.name).toBe('boxSelecting');
    sim.send(touch('down', 2, 200, 300));
    expect(sim.state.mode).toBe('pinch');
    expect(sim.state.select.name).toBe('idle');
    sim.send(touch('move', 2, 300, 300));
    // distance 100 → 200 (×2) about (150, 300), then the midpoint moved to (200, 300)
    expect(sim.ctx.camera.zoom).toBeCloseTo(2, 10);
    expect(sim.ctx.camera.x).toBeCloseTo(150 - 150 * 2 + 50, 10);
    expect(sim.ctx.camera.y).toBeCloseTo(300 - 300 * 2, 10);
    sim.send(touch('up', 1, 100, 300));
    expect(sim.state.mode).toBe('idle');
    // the finger left on the glass does nothing until lifted
    sim.send(touch('move', 2, 350, 300));
    expect(sim.ctx.camera.zoom).toBeCloseTo(2, 10);
    sim.send(touch('up', 2, 350, 300));
    expect(sim.state.touches).toEqual([]);
  });

  it('cancels a node drag when the second finger lands, leaving the node where it was', () => {
    const sim = simulator(smallNet());
    sim.send(touch('down', 1, 228, 44));
    sim.send(touch('move', 1, 260, 44));
    expect(sim.state.select.name).toBe('dragging');
    sim.send(touch('down', 2, 400, 200));
    expect(sim.state.mode).toBe('pinch');
    const h = sim.ctx.doc.nodes.find((n) => n.id === 'h')!;
    expect([h.x, h.y]).toEqual([200, 0]);
  });

  it('two fingers moving together pan without zooming', () => {
    const s = startPinch({ id: 1, point: { x: 0, y: 0 } }, { id: 2, point: { x: 100, y: 0 } }, { x: 0, y: 0, zoom: 1 });
    if (s.name !== 'pinching') throw new Error('expected a pinch');
    const cam = pinchCamera({ ...s, points: [{ x: 30, y: 40 }, { x: 130, y: 40 }] });
    expect(cam).toEqual({ x: 30, y: 40, zoom: 1 });
  });

  it('a touch drag needs 8 px before it moves a node', () => {
    const sim = simulator(smallNet());
    sim.send(touch('down', 1, 228, 44));
    sim.send(touch('move', 1, 234, 44));
    expect(sim.state.select.name).toBe('pointing');
    sim.send(touch('move', 1, 240, 44));
    expect(sim.state.select.name).toBe('dragging');
  });
});
