import { describe, expect, it } from 'vitest';
import { worldToScreen, zoomAt, type Camera } from '../editor/camera';
import { cameraShift, MAX_SHIFT_SHARE, shiftFits, shiftTransform } from './camera-shift';

const size = { width: 800, height: 400 };

describe('camera shift', () => {
  it('puts every world point where the new camera shows it: drawn position · scale + shift', () => {
    const drawn: Camera = { x: 30, y: -12, zoom: 1.25 };
    const now = zoomAt({ ...drawn, x: drawn.x + 17, y: drawn.y - 9 }, { x: 300, y: 150 }, 1.2);
    const shift = cameraShift(drawn, now);
    for (const p of [{ x: 0, y: 0 }, { x: 120, y: 80 }, { x: -40, y: 333 }]) {
      const before = worldToScreen(drawn, p);
      const after = worldToScreen(now, p);
      expect(before.x * shift.scale + shift.x).toBeCloseTo(after.x, 9);
      expect(before.y * shift.scale + shift.y).toBeCloseTo(after.y, 9);
    }
  });

  it('is no transform at all for the camera the picture was drawn with', () => {
    const camera: Camera = { x: 5, y: 6, zoom: 0.8 };
    expect(shiftTransform(cameraShift(camera, camera))).toBe('');
    expect(shiftTransform({ x: 4, y: -2, scale: 1.1 })).toBe('translate(4px, -2px) scale(1.1)');
  });

  it('moves the picture for small pans and zooms, and asks for a render when the uncovered strip or the zoom grows', () => {
    const drawn: Camera = { x: 0, y: 0, zoom: 1 };
    expect(shiftFits(cameraShift(drawn, { x: 40, y: -30, zoom: 1 }), size)).toBe(true);
    expect(shiftFits(cameraShift(drawn, { x: size.width * MAX_SHIFT_SHARE + 1, y: 0, zoom: 1 }), size)).toBe(false);
    expect(shiftFits(cameraShift(drawn, { x: 0, y: -(size.height * MAX_SHIFT_SHARE + 1), zoom: 1 }), size)).toBe(false);
    // Zooming out about the centre uncovers a band on every side: 10 % is fine, a half is not.
    expect(shiftFits(cameraShift(drawn, zoomAt(drawn, { x: 400, y: 200 }, 0.9)), size)).toBe(true);
    expect(shiftFits(cameraShift(drawn, zoomAt(drawn, { x: 400, y: 200 }, 0.5)), size)).toBe(false);
    expect(shiftFits(cameraShift(drawn, zoomAt(drawn, { x: 400, y: 200 }, 1.6)), size)).toBe(false);
    expect(shiftFits({ x: Number.NaN, y: 0, scale: 1 }, size)).toBe(false);
  });
});
