/**
 * All neuron heat-maps of the network canvas in one texture. Each unit owns a slot (a square of
 * TILE_MAX pixels plus a one-pixel gutter, so linear filtering does not bleed between neighbours), its sprite
 * shows the slot through its own Texture frame, and a live update paints every changed tile into the one
 * pixel buffer and uploads it once. The atlas grows by whole rows of slots and never shrinks while the canvas
 * lives. Growing, or a new tile side, makes a new generation: textures handed out before are stale (a texture's
 * frame or source is not changed under a sprite that uses it) and the owner makes its unit views again.
 */
import { BufferImageSource, Rectangle, Texture } from 'pixi.js';
import { fillHeatmapTileRGBA, TILE_MAX, tileStep } from './heatmap';

/** Slots per row of the atlas. */
export const ATLAS_COLUMNS = 16;
/** Pixels from one slot to the next (tile plus gutter). */
export const SLOT_PITCH = TILE_MAX + 2;

/** Where slot k's tile starts in an atlas of ATLAS_COLUMNS slots per row (pixels, inside the gutter). */
export function slotOrigin(slot: number): { x: number; y: number } {
  return { x: (slot % ATLAS_COLUMNS) * SLOT_PITCH + 1, y: Math.floor(slot / ATLAS_COLUMNS) * SLOT_PITCH + 1 };
}

/** Rows needed for `slots` slots, rounded up to a power of two so growth is rare. */
export function atlasRows(slots: number): number {
  const rows = Math.max(1, Math.ceil(slots / ATLAS_COLUMNS));
  return 2 ** Math.ceil(Math.log2(rows));
}

const QUIET_GREY = [0xf1, 0xf5, 0xf9] as const;

export class HeatmapAtlas {
  #rows = 0;
  #pixels = new Uint8Array(0);
  #rgba = new Uint8ClampedArray(0);
  #source: BufferImageSource | null = null;
  readonly #textures = new Map<number, Texture>();
  readonly #hashes = new Map<number, number>();
  readonly #free: number[] = [];
  #next = 0;
  #side = 2;
  #changed = false;
  #retired: BufferImageSource[] = [];
  /** bumped when textures handed out before no longer show their slot (see above) */
  generation = 0;
  /** texture uploads so far (one per flush that changed a tile) */
  uploads = 0;

  constructor(slots = ATLAS_COLUMNS) {
    this.#grow(slots);
  }

  get width(): number {
    return ATLAS_COLUMNS * SLOT_PITCH;
  }

  get height(): number {
    return this.#rows * SLOT_PITCH;
  }

  /** A slot and its texture, painted a quiet grey until its first heat-map. */
  allocate(): { slot: number; texture: Texture } {
    const slot = this.#free.pop() ?? this.#next++;
    if (slot >= this.#rows * ATLAS_COLUMNS) this.#grow(slot + 1);
    const texture = new Texture({ source: this.#source!, frame: this.#frame(slot) });
    this.#textures.set(slot, texture);
    this.#hashes.set(slot, -1);
    this.#fill(slot);
    return { slot, texture };
  }

  release(slot: number): void {
    const texture = this.#textures.get(slot);
    if (!texture) return;
    texture.destroy(false);
    this.#textures.delete(slot);
    this.#hashes.delete(slot);
    this.#free.push(slot);
  }

  /** Size of the shown part of every tile: the grid subsampled to at most TILE_MAX (2 before any snapshot). */
  setSide(side: number): void {
    const next = Math.max(1, Math.min(TILE_MAX, side));
    if (next === this.#side) return;
    this.#side = next;
    this.generation++;
  }

  /** The owner has replaced every stale texture: the sources they used can go. */
  dropRetired(): void {
    for (const source of this.#retired.splice(0)) source.destroy();
  }

  /**
   * Paint a `size × size` grid at `values[offset]` into the slot (averaged down to the tile side).
   * Returns whether its colours changed; the upload waits for flush().
   */
  paint(slot: number, values: Float32Array, offset: number, size: number, range: number): boolean {
    if (!this.#textures.has(slot)) return false;
    const step = tileStep(size);
    const o = slotOrigin(slot);
    const hash = fillHeatmapTileRGBA(values, offset, size, step, this.#rgba, range, o.y * this.width + o.x, this.width);
    if (hash === this.#hashes.get(slot)) return false;
    this.#hashes.set(slot, hash);
    this.#changed = true;
    return true;
  }

  /** Upload the atlas if any tile changed since the last flush: one upload per live update. */
  flush(): boolean {
    if (!this.#changed || !this.#source) return false;
    this.#changed = false;
    this.#source.update();
    this.uploads++;
    return true;
  }

  destroy(): void {
    for (const texture of this.#textures.values()) texture.destroy(false);
    this.#textures.clear();
    this.dropRetired();
    this.#source?.destroy();
    this.#source = null;
  }

  #frame(slot: number): Rectangle {
    const o = slotOrigin(slot);
    return new Rectangle(o.x, o.y, this.#side, this.#side);
  }

  #fill(slot: number): void {
    const o = slotOrigin(slot);
    for (let y = 0; y < this.#side; y++) {
      for (let x = 0; x < this.#side; x++) {
        const p = ((o.y + y) * this.width + o.x + x) * 4;
        this.#rgba[p] = QUIET_GREY[0];
        this.#rgba[p + 1] = QUIET_GREY[1];
        this.#rgba[p + 2] = QUIET_GREY[2];
        this.#rgba[p + 3] = 255;
      }
    }
    this.#changed = true;
  }

  #grow(slots: number): void {
    const rows = atlasRows(slots);
    if (rows <= this.#rows) return;
    const pixels = new Uint8Array(ATLAS_COLUMNS * SLOT_PITCH * rows * SLOT_PITCH * 4);
    // Rows are appended below: the old image is the top of the new one, byte for byte.
    pixels.set(this.#pixels);
    this.#pixels = pixels;
    this.#rgba = new Uint8ClampedArray(pixels.buffer);
    this.#rows = rows;
    if (this.#source) {
      this.#retired.push(this.#source);
      this.generation++;
    }
    this.#source = new BufferImageSource({ resource: pixels, width: this.width, height: this.height, format: 'rgba8unorm', scaleMode: 'linear' });
    this.#changed = true;
  }
}
