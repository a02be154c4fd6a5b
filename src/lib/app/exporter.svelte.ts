/**
 * Everything that takes the playground out of the page or brings a file in: links (with or without the
 * trained weights), embed code, JSON files, model files (Keras, TF.js, ONNX, PyTorch, NumPy) and the PNG picture.
 * Every failure becomes a sentence in `error`; nothing here can change the playground on screen except
 * importJson, which opens a valid file as one undo step.
 */
import { composePng } from '../export/png';
import { downloadBlob, downloadText } from '../export/download';
import { modelFiles, type ModelFormat } from '../export/model-formats';
import { embedSnippet, type EmbedConfig } from '../embed/params';
import { exportStateJson, importStateJson } from '../model/file';
import type { PlaygroundState } from '../model/playground';
import { progressToSave } from '../model/schema';
import { encodeState, linkWarnings, longLinkMessage, SAFE_LINK_CHARS, type LinkWeights } from '../model/url';
import type { Playground } from './playground.svelte';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface MadeLink {
  url: string;
  /** the encoded playground alone (`v1.…`) */
  param: string;
  warnings: string[];
  /** how many parameters the link carries (0 without weights) */
  weightCount: number;
}

/** A link over SAFE_LINK_CHARS, waiting for the learner to choose: copy it anyway, or export a file. */
export interface LongLink {
  url: string;
  text: string;
}

const kilobytes = (chars: number) => `${(chars / 1000).toFixed(1)} kB`;

export class Exporter {
  /** the last problem, shown in the menu until an action succeeds */
  error: string | null = $state(null);
  longLink: LongLink | null = $state(null);
  readonly #pg: Playground;

  constructor(pg: Playground) {
    this.#pg = pg;
  }

  #state(): PlaygroundState {
    return $state.snapshot(this.#pg.state) as PlaygroundState;
  }

  #weights(): LinkWeights | undefined {
    const snapshot = this.#pg.snapshot;
    return snapshot ? { params: snapshot.params.slice(), frozen: snapshot.frozen.slice() } : undefined;
  }

  /** The address that reopens this exact playground (same network, settings, data and seed; with weights, trained). */
  async link(options: { weights?: boolean } = {}): Promise<MadeLink> {
    const state = this.#state();
    const weights = options.weights ? this.#weights() : undefined;
    if (options.weights && !weights) throw new Error('The network has not been built yet: there are no weights to put in the link.');
    const param = await encodeState(state, weights);
    const url = new URL(window.location.href);
    url.search = '';
    url.pathname = url.pathname.replace(/\/embed\/?$/, '/');
    url.hash = `s=${param}`;
    return { url: url.toString(), param, warnings: linkWarnings(state), weightCount: weights?.params.length ?? 0 };
  }

  /**
   * Copies a link to the clipboard and returns the line that says so, with its size. A link over
   * SAFE_LINK_CHARS is not copied: it waits in `longLink` for the learner to choose.
   */
  async copyLink(options: { weights?: boolean } = {}): Promise<string | null> {
    try {
      this.longLink = null;
      const made = await this.link(options);
      if (made.url.length > SAFE_LINK_CHARS) {
        this.longLink = { url: made.url, text: longLinkMessage(made.url.length) };
        this.error = null;
        return null;
      }
      // Only the clipboard: written into the address bar, the link would be opened again on reload.
      await navigator.clipboard.writeText(made.url);
      this.error = made.warnings.length ? made.warnings.join('\n') : null;
      const size = `${made.url.length.toLocaleString('en')} characters`;
      return made.weightCount ? `Link with trained weights copied (${kilobytes(made.url.length)}, ${made.weightCount} weights)` : `Link copied (${size})`;
    } catch (error) {
      this.error = `Could not copy the link: ${message(error)}`;
      return null;
    }
  }

  /** The learner chose to copy a long link all the same. */
  async copyLongLink(): Promise<string | null> {
    const long = this.longLink;
    if (!long) return null;
    this.longLink = null;
    try {
      await navigator.clipboard.writeText(long.url);
      return `Long link copied (${kilobytes(long.url.length)})`;
    } catch (error) {
      this.error = `Could not copy the link: ${message(error)}`;
      return null;
    }
  }

  async copyEmbed(config: EmbedConfig): Promise<string | null> {
    try {
      const { param } = await this.link();
      const page = new URL('embed', new URL('./', window.location.href)).toString();
      await navigator.clipboard.writeText(embedSnippet(page, `s=${param}`, config));
      this.error = null;
      return 'Embed code copied';
    } catch (error) {
      this.error = `Could not copy the embed code: ${message(error)}`;
      return null;
    }
  }

  exportJson(): void {
    this.longLink = null;
    const weights = this.#weights();
    const saved = weights ? { params: Array.from(weights.params), frozen: Array.from(weights.frozen ?? []) } : undefined;
    const snapshot = this.#pg.snapshot;
    const progress = snapshot ? progressToSave(snapshot.step, snapshot.epoch, this.#pg.curve) : undefined;
    downloadText(exportStateJson(this.#state(), saved, progress), 'axon-playground.json', 'application/json');
    this.error = null;
  }

  async importJson(text: string): Promise<void> {
    const result = importStateJson(text);
    if (!result.ok) {
      this.error = `This file cannot be opened:\n${result.errors.join('\n')}`;
      return;
    }
    const weights = result.weights
      ? { params: Float32Array.from(result.weights.params), frozen: Uint8Array.from(result.weights.frozen ?? []) }
      : undefined;
    const opened = await this.#pg.loadState(result.state, weights, result.progress);
    this.error = opened ? null : 'The file was read, but its data could not be loaded; your work is unchanged.';
  }

  #requireTrained() {
    const { layout, snapshot } = this.#pg;
    if (!layout || !snapshot) throw new Error('The network has not been built yet: fix the problems shown, then export.');
    return { layout, params: snapshot.params };
  }

  /** Downloads the files of one model format (MODEL_FORMATS); the exporter modules load on first use. */
  async exportModel(format: ModelFormat): Promise<void> {
    try {
      const { layout, params } = this.#requireTrained();
      const files = await modelFiles(format, {
        doc: $state.snapshot(this.#pg.state.doc),
        layout,
        params,
        settings: $state.snapshot(this.#pg.state.settings),
        table: this.#pg.table
      });
      for (const file of files) downloadBlob(file.blob, file.filename);
      this.error = null;
    } catch (error) {
      this.error = message(error);
    }
  }

  /** `canvases`: the pictures to put side by side (the views that draw them know which they are). */
  async exportPng(canvases: HTMLCanvasElement[]): Promise<void> {
    try {
      if (canvases.length === 0) throw new Error('Nothing to export yet.');
      downloadBlob(await composePng(canvases), 'axon.png');
      this.error = null;
    } catch (error) {
      this.error = `Could not make the picture: ${message(error)}`;
    }
  }
}
