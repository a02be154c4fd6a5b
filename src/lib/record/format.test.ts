import { describe, expect, it } from 'vitest';
import { chooseFormat, recordFilename, recordSize } from './format';

describe('recording choices', () => {
  it('falls back to GIF with a message when WebCodecs is missing', () => {
    expect(chooseFormat('webm', true)).toEqual({ format: 'webm', message: null });
    expect(chooseFormat('gif', false)).toEqual({ format: 'gif', message: null });
    const fallback = chooseFormat('webm', false);
    expect(fallback.format).toBe('gif');
    expect(fallback.message).toMatch(/WebCodecs.*GIF/);
  });

  it('scales the picture down to the width limit, with even sides', () => {
    expect(recordSize(1440, 601, 720)).toEqual({ width: 720, height: 300 });
    expect(recordSize(301, 201, 720)).toEqual({ width: 302, height: 202 });
  });

  it('names the file by format and time', () => {
    expect(recordFilename('gif', new Date('2026-11-30T22:30:05Z'))).toBe('axon-recording-2026-11-30-22-30-05.gif');
  });
});
