/** Recording choices as plain functions: which format a browser can make, and the limits of a recording. */

export type RecordFormat = 'gif' | 'webm';

/** A recording stops by itself after this long: long enough for a slide, short enough to stay small. */
export const MAX_RECORD_SECONDS = 20;
/** Frames per second: GIF is large per frame, WebM is not. */
export const RECORD_FPS: Record<RecordFormat, number> = { gif: 8, webm: 15 };
/** The picture is scaled down to at most this many pixels wide. */
export const MAX_RECORD_WIDTH = 720;

/** The format to record in, and a sentence when it is not the one asked for. */
export function chooseFormat(wanted: RecordFormat, webCodecs: boolean): { format: RecordFormat; message: string | null } {
  if (wanted === 'webm' && !webCodecs) {
    return { format: 'gif', message: 'This browser cannot encode video (no WebCodecs VideoEncoder), so the recording is saved as an animated GIF instead.' };
  }
  return { format: wanted, message: null };
}

/** A size within MAX_RECORD_WIDTH, kept even (video encoders want even sides). */
export function recordSize(width: number, height: number, maxWidth = MAX_RECORD_WIDTH): { width: number; height: number } {
  const scale = Math.min(1, maxWidth / Math.max(1, width));
  const even = (n: number) => Math.max(2, 2 * Math.round((n * scale) / 2));
  return { width: even(width), height: even(height) };
}

export function recordFilename(format: RecordFormat, date = new Date()): string {
  const stamp = date.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `axon-recording-${stamp}.${format}`;
}
