import { describe, expect, it } from 'vitest';
import { anyNodeVisible, fitCamera, shouldFit } from './auto-fit';
import { smallNet } from './fixtures';

const viewport = { width: 600, height: 400 };

describe('auto-fit', () => {
  it('fits a network that arrives from outside, but not one being built here', () => {
    const doc = smallNet();
    const camera = { x: 0, y: 0, zoom: 1 };
    expect(shouldFit(doc, camera, viewport, { fitted: false, emitted: false })).toBe(true);
    expect(shouldFit(doc, camera, viewport, { fitted: false, emitted: true })).toBe(false);
  });
  it('fits again when the whole network is out of view', () => {
    const doc = smallNet();
    const away = { x: -50_000, y: 0, zoom: 1 };
    expect(anyNodeVisible(doc, away, viewport)).toBe(false);
    expect(shouldFit(doc, away, viewport, { fitted: true, emitted: true })).toBe(true);
  });
  it('the fitted camera shows every node', () => {
    const doc = smallNet();
    const camera = fitCamera(doc, viewport);
    expect(anyNodeVisible(doc, camera, viewport)).toBe(true);
    expect(shouldFit(doc, camera, viewport, { fitted: true, emitted: true })).toBe(false);
  });
  it('in a small frame, fits no lower than the least zoom, keeping the same centre', () => {
    const doc = smallNet();
    const tiny = { width: 160, height: 100 };
    const whole = fitCamera(doc, tiny);
    expect(whole.zoom).toBeLessThan(0.7);
    const readable = fitCamera(doc, tiny, 0.7);
    expect(readable.zoom).toBe(0.7);
    const centreOf = (c: { x: number; y: number; zoom: number }) => ({ x: (80 - c.x) / c.zoom, y: (50 - c.y) / c.zoom });
    expect(centreOf(readable).x).toBeCloseTo(centreOf(whole).x, 6);
    expect(centreOf(readable).y).toBeCloseTo(centreOf(whole).y, 6);
    expect(anyNodeVisible(doc, readable, tiny)).toBe(true);
    // Where everything fits above the least zoom, the least zoom changes nothing.
    expect(fitCamera(doc, viewport, 0.1)).toEqual(fitCamera(doc, viewport));
  });
  it('does nothing on an empty canvas or before the canvas has a size', () => {
    expect(shouldFit({ nodes: [], edges: [] }, { x: 0, y: 0, zoom: 1 }, viewport, { fitted: false, emitted: false })).toBe(false);
    expect(shouldFit(smallNet(), { x: 0, y: 0, zoom: 1 }, { width: 0, height: 0 }, { fitted: false, emitted: false })).toBe(false);
  });
});
