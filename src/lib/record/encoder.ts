/** What every recording format offers the recorder. */
export interface FrameEncoder {
  /** one frame, shown for 1/fps s (frames come at the recorder's pace) */
  add(frame: ImageData, canvas: HTMLCanvasElement | OffscreenCanvas, timestampMs: number): Promise<void>;
  finish(): Promise<{ blob: Blob; frames: number }>;
}
