import { describe, expect, it } from 'vitest';
import type { NetworkDoc } from '../../model/document';
import { node } from '../fixtures';
import { ptr, simulator } from './testing';
import { wireRefusal } from './wire-tool';

/** x → h, plus an unwired single neuron k at (200, 200) and the output o. */
function doc(): NetworkDoc {
  return {
    nodes: [node('x', 'input', 0, 0, 2), node('h', 'dense', 200, 0, 3), node('k', 'dense', 200, 200, 1), node('o', 'output', 400, 0, 1)],
    edges: [{ id: 'e1', from: 'x', to: 'h' }]
  };
}

describe('wire tool', () => {
  it('wires an output port to an input port: idle → wiring → idle + addEdge', () => {
    const sim = simulator(doc());
    sim.send(ptr('down', 56, 44)); // x's output port
    expect(sim.state.mode).toBe('wire');
    expect(sim.state.wire.name).toBe('wiring');
    sim.send(ptr('move', 150, 150));
    expect(sim.effects.at(-1)).toEqual({
      type: 'ghost',
      ghost: { kind: 'wire', from: { x: 56, y: 44 }, to: { x: 150, y: 150 }, status: 'free' }
    });
    sim.send(ptr('move', 204, 226)); // near k's input port (200, 222)
    expect(sim.effects.at(-1)).toEqual({
      type: 'ghost',
      ghost: { kind: 'wire', from: { x: 56, y: 44 }, to: { x: 200, y: 222 }, status: 'ok' }
    });
    sim.send(ptr('up', 204, 226));
    expect(sim.state.mode).toBe('idle');
    expect(sim.ctx.doc.edges.at(-1)).toEqual({ id: 'e2', from: 'x', to: 'k' });
    expect(sim.changes).toEqual([{ gesture: 'g1', type: 'addEdge' }]);
  });

  it('accepts a drop on the node body and wires from an input port backwards', () => {
    const sim = simulator(doc());
    sim.send(ptr('down', 400, 22)); // o's input port
    sim.send(ptr('move', 228, 222)); // over k's body: k's output port is meant
    sim.send(ptr('up', 228, 222));
    expect(sim.ctx.doc.edges.at(-1)).toEqual({ id: 'e2', from: 'k', to: 'o' });
  });

  it('refuses a wire that would close a cycle, with a message at the pointer', () => {
    const sim = simulator(doc());
    sim.send(ptr('down', 256, 66)); // h out
    sim.send(ptr('up', 200, 222)); // k in
    expect(sim.ctx.doc.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['x>h', 'h>k']);
    const before = sim.ctx.doc;
    sim.send(ptr('down', 256, 222)); // k out
    sim.send(ptr('move', 202, 66)); // h in
    expect(sim.effects.at(-1)).toMatchObject({ type: 'ghost', ghost: { status: 'refused' } });
    const effects = sim.send(ptr('up', 202, 66));
    expect(effects).toContainEqual({ type: 'message', text: 'That wire would close a cycle: k → h → k.', at: { x: 202, y: 66 } });
    expect(effects.some((e) => e.type === 'change')).toBe(false);
    expect(sim.ctx.doc).toBe(before);
    expect(sim.state.mode).toBe('idle');
  });

  it('refuses wires into an input, into the same node, and duplicates', () => {
    const sim = simulator(doc());
    sim.send(ptr('down', 256, 66)); // h out
    let effects = sim.send(ptr('up', 20, 20)); // x's body
    expect(effects).toContainEqual({ type: 'message', text: 'x is an input: it takes no incoming wires.', at: { x: 20, y: 20 } });
    sim.send(ptr('down', 256, 66));
    effects = sim.send(ptr('up', 201, 66)); // h's own input port
    expect(effects).toContainEqual({ type: 'message', text: 'A node cannot feed itself.', at: { x: 201, y: 66 } });
    sim.send(ptr('down', 56, 44)); // x out
    effects = sim.send(ptr('up', 201, 66)); // h in: already wired
    expect(effects).toContainEqual({ type: 'message', text: 'x → h is already wired.', at: { x: 201, y: 66 } });
    expect(sim.changes).toEqual([]);
  });

  it('does nothing when released over empty canvas, and clears its ghost on cancel', () => {
    const sim = simulator(doc());
    sim.send(ptr('down', 56, 44));
    expect(sim.send(ptr('up', 120, 400))).toEqual([{ type: 'ghost', ghost: null }]);
    sim.send(ptr('down', 56, 44));
    expect(sim.send(ptr('cancel', 0, 0))).toEqual([{ type: 'ghost', ghost: null }]);
    expect(sim.state.mode).toBe('idle');
  });

  it('explains refusals in words', () => {
    const d = doc();
    expect(wireRefusal(d, 'o', 'k')).toBe('o is the output: no wire can leave it.');
    expect(wireRefusal(d, 'h', 'k')).toBeNull();
  });
});
