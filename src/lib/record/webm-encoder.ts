/** WebM video from canvas frames: WebCodecs' VideoEncoder (VP8) and webm-muxer, both loaded lazily with the recorder. */
import { ArrayBufferTarget, Muxer } from 'webm-muxer';
import type { FrameEncoder } from './encoder';

const CONFIG = (width: number, height: number, fps: number): VideoEncoderConfig => ({
  codec: 'vp8',
  width,
  height,
  framerate: fps,
  bitrate: 2_000_000
});

/** Whether this browser can encode the recording as WebM (VideoEncoder exists and takes VP8 at this size). */
export async function canEncodeWebm(width: number, height: number, fps: number): Promise<boolean> {
  if (typeof VideoEncoder === 'undefined' || typeof VideoFrame === 'undefined') return false;
  try {
    return (await VideoEncoder.isConfigSupported(CONFIG(width, height, fps))).supported === true;
  } catch {
    return false;
  }
}

export function createWebmEncoder(width: number, height: number, fps: number): FrameEncoder {
  const target = new ArrayBufferTarget();
  const muxer = new Muxer({ target, video: { codec: 'V_VP8', width, height, frameRate: fps }, firstTimestampBehavior: 'offset' });
  let failure: Error | null = null;
  const encoder = new VideoEncoder({
    output: (chunk, meta) => muxer.addVideoChunk(chunk, meta),
    error: (error) => (failure = error instanceof Error ? error : new Error(String(error)))
  });
  encoder.configure(CONFIG(width, height, fps));
  let frames = 0;
  return {
    async add(_frame, canvas, timestampMs) {
      if (failure) throw failure;
      const video = new VideoFrame(canvas, { timestamp: Math.round(timestampMs * 1000), duration: Math.round(1e6 / fps) });
      // A key frame every two seconds, so a player can seek in the clip.
      encoder.encode(video, { keyFrame: frames % (2 * fps) === 0 });
      video.close();
      frames++;
    },
    async finish() {
      await encoder.flush();
      encoder.close();
      if (failure) throw failure;
      muxer.finalize();
      return { blob: new Blob([target.buffer], { type: 'video/webm' }), frames };
    }
  };
}
