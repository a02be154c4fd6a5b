/**
 * The sample a conv net is watched on, and its feature maps from the worker: a test image (the one under
 * the pointer in the image grid) or a digit drawn on the pad. Asked again on every snapshot while training,
 * with at most one question in flight and at most one every MIN_INTERVAL_MS, so a fast run never queues
 * requests; the newest answer always wins.
 */
import type { FeatureMaps } from '../../../workers/protocol';

export type MapSource = { kind: 'sample'; row: number } | { kind: 'drawn'; values: Float32Array };

/** At most this often while training: the thumbnails stay live without taking the worker from training. */
export const MIN_INTERVAL_MS = 150;

type Ask = (input: Float32Array | { sample: number }) => Promise<FeatureMaps | null>;

export class FeatureMapWatch {
  source: MapSource | null = $state.raw(null);
  maps: FeatureMaps | null = $state.raw(null);
  /** the source `maps` answer (a new source shows the old maps until its own answer arrives) */
  answered: MapSource | null = $state.raw(null);
  /** why the last question failed (a network the worker refused, a drawn image of the wrong size) */
  error: string | null = $state(null);

  #inFlight = false;
  #again = false;
  #last = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #serial = 0;

  constructor(
    private readonly ask: Ask,
    private readonly now: () => number = () => performance.now()
  ) {}

  /** Watch another sample (null: none; the maps clear). */
  setSource(source: MapSource | null): void {
    this.source = source;
    // Answers to questions about the previous sample must not overwrite this one's.
    this.#serial++;
    if (!source) {
      this.maps = null;
      this.answered = null;
    }
    this.#last = 0;
    this.refresh();
  }

  /** Ask again (a new snapshot, a new network): now, or as soon as the pace and the question in flight allow. */
  refresh(): void {
    if (!this.source) return;
    if (this.#inFlight) {
      this.#again = true;
      return;
    }
    const wait = this.#last + MIN_INTERVAL_MS - this.now();
    if (wait > 0) {
      this.#timer ??= setTimeout(() => {
        this.#timer = undefined;
        this.refresh();
      }, wait);
      return;
    }
    void this.#askNow(this.source);
  }

  async #askNow(source: MapSource): Promise<void> {
    const serial = this.#serial;
    this.#inFlight = true;
    this.#last = this.now();
    try {
      const maps = await this.ask(source.kind === 'sample' ? { sample: source.row } : source.values);
      if (serial === this.#serial) {
        this.maps = maps;
        this.answered = source;
        this.error = null;
      }
    } catch (error) {
      if (serial === this.#serial) this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.#inFlight = false;
    }
    if (this.#again || serial !== this.#serial) {
      this.#again = false;
      this.refresh();
    }
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#serial++;
  }
}
