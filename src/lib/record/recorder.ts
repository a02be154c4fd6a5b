/**
 * Record: pictures of the boundary and network canvases while training, taken at a steady pace into an
 * animated GIF or a WebM video, for at most MAX_RECORD_SECONDS. This module and the encoders are loaded
 * only when someone records (gifenc and webm-muxer each in their own chunk).
 */
import { layoutRow, pictureOf } from '../export/png';
import type { FrameEncoder } from './encoder';
import { chooseFormat, MAX_RECORD_SECONDS, RECORD_FPS, recordSize, type RecordFormat } from './format';

export interface RecordResult {
  blob: Blob;
  format: RecordFormat;
  frames: number;
  seconds: number;
}

export interface RecordOptions {
  /** the canvases to film, left to right (read again for every frame: the page may redraw them) */
  canvases: () => HTMLCanvasElement[];
  format: RecordFormat;
  /** the limit reached: the recording finished by itself */
  onautostop?: (result: Promise<RecordResult>) => void;
  /** seconds recorded so far, about once a frame */
  onprogress?: (seconds: number) => void;
}

export interface Recording {
  format: RecordFormat;
  /** why the format differs from the one asked for (no WebCodecs), else null */
  message: string | null;
  stop(): Promise<RecordResult>;
}

const BACKGROUND = '#ffffff';

export async function startRecording(options: RecordOptions): Promise<Recording> {
  const first = options.canvases();
  if (first.length === 0) throw new Error('There is nothing on screen to record: show the network or the output first.');
  const layout = layoutRow(first.map((c) => ({ width: c.width, height: c.height })), { gap: 8, padding: 8 });
  const size = recordSize(layout.width, layout.height);
  const scale = size.width / layout.width;

  let choice = chooseFormat(options.format, true);
  let encoder: FrameEncoder;
  if (options.format === 'webm') {
    const webm = await import('./webm-encoder');
    choice = chooseFormat('webm', await webm.canEncodeWebm(size.width, size.height, RECORD_FPS.webm));
    encoder = choice.format === 'webm' ? webm.createWebmEncoder(size.width, size.height, RECORD_FPS.webm) : await gifEncoder(size.width, size.height);
  } else {
    encoder = await gifEncoder(size.width, size.height);
  }
  const fps = RECORD_FPS[choice.format];

  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d', { willReadFrequently: choice.format === 'gif' });
  if (!context) throw new Error('The recording could not be drawn: this browser gave no 2-D canvas.');

  const startedAt = performance.now();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  let frames = 0;

  async function frame(): Promise<void> {
    const canvases = options.canvases();
    const sources = await Promise.all(canvases.map(pictureOf));
    context!.fillStyle = BACKGROUND;
    context!.fillRect(0, 0, size.width, size.height);
    // The layout of the first frame holds: a canvas that resizes meanwhile is scaled into its place.
    sources.forEach((source, i) => {
      const p = layout.placements[i];
      if (p) context!.drawImage(source, p.x * scale, p.y * scale, p.width * scale, p.height * scale);
    });
    const image = choice.format === 'gif' ? context!.getImageData(0, 0, size.width, size.height) : new ImageData(1, 1);
    await encoder.add(image, canvas, (frames * 1000) / fps);
    frames++;
  }

  let finished: Promise<RecordResult> | null = null;
  function finish(): Promise<RecordResult> {
    if (finished) return finished;
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    finished = pending.then(async () => {
      if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
      const { blob, frames: count } = await encoder.finish();
      return { blob, format: choice.format, frames: count, seconds: (performance.now() - startedAt) / 1000 };
    });
    return finished;
  }

  function loop(): void {
    if (stopped) return;
    const began = performance.now();
    pending = pending.then(frame).catch((error: unknown) => {
      failure = error;
      stopped = true;
    });
    void pending.then(() => {
      const seconds = (performance.now() - startedAt) / 1000;
      options.onprogress?.(seconds);
      if (stopped) return;
      if (seconds >= MAX_RECORD_SECONDS) {
        options.onautostop?.(finish());
        return;
      }
      // A steady pace: the time a frame took to take comes off the wait for the next.
      timer = setTimeout(loop, Math.max(0, 1000 / fps - (performance.now() - began)));
    });
  }
  loop();

  return { format: choice.format, message: choice.message, stop: finish };
}

async function gifEncoder(width: number, height: number): Promise<FrameEncoder> {
  const gif = await import('./gif-encoder');
  return gif.createGifEncoder(width, height, RECORD_FPS.gif);
}
