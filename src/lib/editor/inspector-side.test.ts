import { describe, expect, it } from 'vitest';
import { inspectorSide } from './inspector-side';

const panel = { width: 240, height: 300 };
const viewport = { width: 800 };
const input = { x: 20, y: 150, width: 44, height: 44 };
const hidden = { x: 380, y: 100, width: 44, height: 180 };
const output = { x: 720, y: 150, width: 44, height: 44 };

describe('inspectorSide', () => {
  it('keeps to the right while it covers nothing there', () => {
    expect(inspectorSide([input, hidden], hidden, viewport, panel)).toBe('right');
  });
  it('moves left when the right corner would hide the selected output node', () => {
    expect(inspectorSide([input, hidden, output], output, viewport, panel)).toBe('left');
  });
  it('moves left when the right corner hides more nodes than the left', () => {
    expect(inspectorSide([hidden, output], hidden, viewport, panel)).toBe('left');
  });
  it('never covers the selected node when another side is free of it', () => {
    expect(inspectorSide([input, output], input, viewport, panel)).toBe('right');
  });
});
