import { describe, expect, it } from 'vitest';
import { fitToContent, panBy, screenToWorld, wheelFactor, worldToScreen, zoomAt } from './camera';

describe('camera', () => {
  const cam = { x: 30, y: -20, zoom: 2 };
  it('maps world to screen and back', () => {
    expect(worldToScreen(cam, { x: 10, y: 5 })).toEqual({ x: 50, y: -10 });
    const p = { x: 123.5, y: -7.25 };
    const back = screenToWorld(cam, worldToScreen(cam, p));
    expect(back.x).toBeCloseTo(p.x, 10);
    expect(back.y).toBeCloseTo(p.y, 10);
  });
  it('zooms at the cursor, keeping the world point under it', () => {
    const cursor = { x: 200, y: 150 };
    const before = screenToWorld(cam, cursor);
    const next = zoomAt(cam, cursor, 1.5);
    expect(next.zoom).toBe(3);
    const after = screenToWorld(next, cursor);
    expect(after.x).toBeCloseTo(before.x, 10);
    expect(after.y).toBeCloseTo(before.y, 10);
  });
  it('clamps zoom to 0.2..4', () => {
    expect(zoomAt(cam, { x: 0, y: 0 }, 100).zoom).toBe(4);
    expect(zoomAt(cam, { x: 0, y: 0 }, 0.001).zoom).toBe(0.2);
  });
  it('pans by a screen delta', () => {
    expect(panBy(cam, 5, 7)).toEqual({ x: 35, y: -13, zoom: 2 });
  });
  it('turns wheel deltas into factors (down zooms out)', () => {
    expect(wheelFactor(100)).toBeCloseTo(Math.exp(-0.1), 10);
    expect(wheelFactor(-100)).toBeGreaterThan(1);
    expect(wheelFactor(3, 1)).toBeCloseTo(Math.exp(-0.048), 10);
  });
  it('fits content centred with padding', () => {
    const boxes = [
      { x: 0, y: 0, width: 100, height: 50 },
      { x: 300, y: 150, width: 100, height: 50 }
    ];
    const fit = fitToContent(boxes, { width: 840, height: 440 }, 20);
    // content 400 × 200 into 800 × 400: zoom 2 capped at 1.5
    expect(fit.zoom).toBe(1.5);
    const centre = worldToScreen(fit, { x: 200, y: 100 });
    expect(centre.x).toBeCloseTo(420, 10);
    expect(centre.y).toBeCloseTo(220, 10);
    const tight = fitToContent(boxes, { width: 440, height: 440 }, 20);
    expect(tight.zoom).toBeCloseTo(1, 10);
    expect(worldToScreen(tight, { x: 0, y: 0 }).x).toBeCloseTo(20, 10);
  });
  it('falls back to the identity camera without content', () => {
    expect(fitToContent([], { width: 100, height: 100 })).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});
