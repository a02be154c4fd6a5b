/**
 * Keeping work: autosave to IndexedDB, named saves, links, JSON files and the Keras / TF.js / PNG exports.
 * Every failure becomes a sentence for the person; nothing here can lose the playground on screen.
 */
import type { Snapshot } from '../../../workers/protocol';
import { composePng } from '../export/png';
import { downloadBlob, downloadText } from '../export/download';
import { kerasCode } from '../export/keras';
import { tfjsFiles } from '../export/tfjs';
import { embedSnippet, type EmbedConfig } from '../embed/params';
import { exportStateJson, importStateJson } from '../model/file';
import { defaultState } from '../model/defaults';
import type { History } from '../model/history';
import type { PlaygroundState } from '../model/playground';
import { decodeState, encodeState, linkWarnings } from '../model/url';
import { presetById } from '../data/presets';
import { createAutosaver, type Autosaver } from '../store/autosave';
import { openStore, type SaveSummary, type SavedRecord, type Store } from '../store/store';
import type { Playground } from './playground.svelte';

/** While training, the weights are saved at most this often (a crash loses at most this much). */
const TRAINING_SAVE_INTERVAL_MS = 3000;

export interface StartingPoint {
  state: PlaygroundState;
  weights?: { params: Float32Array; frozen: Uint8Array | null };
  history?: History;
  /** what could not be read from the link, file or save */
  warnings: string[];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class Keeper {
  saves: SaveSummary[] = $state([]);
  exportError: string | null = $state(null);
  private store: Store | null = null;
  private autosaver: Autosaver | null = null;
  private lastTrainingSave = 0;
  private reportedFailure = false;

  constructor(private readonly pg: Playground) {}

  /**
   * Where the playground starts: a preset named in the URL, else a shared link (?s=…), else the autosave,
   * else the default. A damaged link opens what can be read and says what could not.
   */
  async startingPoint(search: URLSearchParams, preset: string | null): Promise<StartingPoint> {
    this.store = await openStore();
    this.reportFailure();
    if (preset) {
      const found = presetById(preset);
      if (found) return { state: await found.build(), warnings: [] };
      return { state: defaultState(), warnings: [`No preset called "${preset}"; opened the default playground.`] };
    }
    const link = search.get('s');
    if (link) {
      const decoded = await decodeState(link);
      if (decoded.state) return { state: decoded.state, warnings: decoded.warnings };
      return { state: defaultState(), warnings: [...decoded.warnings, 'The link could not be opened; this is the default playground.'] };
    }
    const saved = await this.store.loadCurrent();
    if (saved) {
      return {
        state: saved.state,
        weights: saved.params ? { params: saved.params, frozen: saved.frozen } : undefined,
        history: saved.history,
        warnings: []
      };
    }
    return { state: defaultState(), warnings: [] };
  }

  /** Start saving the current playground a moment after each change, and during training every few seconds. */
  startAutosave(): () => void {
    if (!this.store) return () => undefined;
    this.autosaver = createAutosaver(this.store, { lifecycle: window, visibility: document });
    void this.refreshSaves();
    const onSnapshot = (snapshot: Snapshot) => {
      const now = performance.now();
      if (snapshot.running && now - this.lastTrainingSave < TRAINING_SAVE_INTERVAL_MS) return;
      this.lastTrainingSave = now;
      this.scheduleSave();
    };
    this.pg.snapshotListeners.add(onSnapshot);
    const stopWatching = $effect.root(() => {
      $effect(() => {
        // Reading the whole state (deeply) makes every document, settings or data change schedule a save.
        JSON.stringify(this.pg.state);
        void this.pg.history;
        this.scheduleSave();
      });
    });
    return () => {
      stopWatching();
      this.pg.snapshotListeners.delete(onSnapshot);
      void this.autosaver?.flush();
      this.autosaver?.dispose();
    };
  }

  private scheduleSave(): void {
    this.autosaver?.schedule(() => this.record());
    this.reportFailure();
  }

  private record(): SavedRecord {
    const snapshot = this.pg.snapshot;
    return {
      state: $state.snapshot(this.pg.state) as PlaygroundState,
      params: snapshot ? snapshot.params.slice() : null,
      frozen: snapshot ? snapshot.frozen.slice() : null,
      history: this.pg.history,
      savedAt: Date.now()
    };
  }

  /** A storage failure is reported once; the app keeps working in memory. */
  private reportFailure(): void {
    if (this.reportedFailure || !this.store?.failure) return;
    this.reportedFailure = true;
    this.pg.notice = { kind: 'warning', text: this.store.failure };
  }

  // ---- named saves -------------------------------------------------------------------------

  async refreshSaves(): Promise<void> {
    if (this.store) this.saves = await this.store.listSaves();
  }

  async saveAs(name: string): Promise<void> {
    if (!this.store) return;
    await this.store.saveAs(name, this.record());
    await this.refreshSaves();
    this.reportFailure();
  }

  async openSave(id: string): Promise<void> {
    const saved = await this.store?.openSave(id);
    if (!saved) {
      this.pg.notice = { kind: 'error', text: 'That save could not be read; your current work is unchanged.' };
      return;
    }
    await this.pg.loadState(saved.state, saved.params ? { params: saved.params, frozen: saved.frozen } : undefined);
  }

  async renameSave(id: string, name: string): Promise<void> {
    await this.store?.renameSave(id, name);
    await this.refreshSaves();
  }

  async deleteSave(id: string): Promise<void> {
    await this.store?.deleteSave(id);
    await this.refreshSaves();
  }

  // ---- files, links, exports ---------------------------------------------------------------

  exportJson(): void {
    const snapshot = this.pg.snapshot;
    const weights = snapshot ? { params: Array.from(snapshot.params), frozen: Array.from(snapshot.frozen) } : undefined;
    downloadText(exportStateJson($state.snapshot(this.pg.state) as PlaygroundState, weights), 'axon-playground.json', 'application/json');
    this.exportError = null;
  }

  async importJson(text: string): Promise<void> {
    const result = importStateJson(text);
    if (!result.ok) {
      this.exportError = `This file cannot be opened:\n${result.errors.join('\n')}`;
      return;
    }
    const weights = result.weights
      ? { params: Float32Array.from(result.weights.params), frozen: Uint8Array.from(result.weights.frozen ?? []) }
      : undefined;
    const opened = await this.pg.loadState(result.state, weights);
    this.exportError = opened ? null : 'The file was read, but its data could not be loaded; your work is unchanged.';
  }

  private requireTrained() {
    const { layout, snapshot } = this.pg;
    if (!layout || !snapshot) throw new Error('The network has not been built yet: fix the problems shown, then export.');
    return { layout, params: snapshot.params };
  }

  exportKeras(): void {
    try {
      const { layout, params } = this.requireTrained();
      const code = kerasCode($state.snapshot(this.pg.state.doc), layout, params, {
        settings: $state.snapshot(this.pg.state.settings),
        columns: this.pg.table?.columns
      });
      downloadText(code, 'axon_model.py', 'text/x-python');
      this.exportError = null;
    } catch (error) {
      this.exportError = message(error);
    }
  }

  exportTfjs(): void {
    try {
      const { layout, params } = this.requireTrained();
      for (const file of tfjsFiles($state.snapshot(this.pg.state.doc), layout, params)) downloadBlob(file.blob, file.filename);
      this.exportError = null;
    } catch (error) {
      this.exportError = message(error);
    }
  }

  async exportPng(): Promise<void> {
    try {
      const canvases = [...document.querySelectorAll<HTMLCanvasElement>('[data-export-png] canvas, canvas[data-export-png]')];
      if (canvases.length === 0) throw new Error('Nothing to export yet.');
      downloadBlob(await composePng(canvases), 'axon.png');
      this.exportError = null;
    } catch (error) {
      this.exportError = `Could not make the picture: ${message(error)}`;
    }
  }

  /** The address that reopens this exact playground (same network, settings, data and seed). */
  async link(): Promise<{ url: string; param: string; warnings: string[] }> {
    const state = $state.snapshot(this.pg.state) as PlaygroundState;
    const param = await encodeState(state);
    const url = new URL(window.location.href);
    url.search = '';
    url.pathname = url.pathname.replace(/\/embed\/?$/, '/');
    url.searchParams.set('s', param);
    return { url: url.toString(), param, warnings: linkWarnings(state) };
  }

  async copyLink(): Promise<void> {
    try {
      const { url, warnings } = await this.link();
      // Only the clipboard: written into the address bar, the link would win over the autosave on the next
      // reload and silently undo everything done after copying it.
      await navigator.clipboard.writeText(url);
      this.exportError = warnings.length ? warnings.join('\n') : null;
    } catch (error) {
      this.exportError = `Could not copy the link: ${message(error)}`;
    }
  }

  async copyEmbed(config: EmbedConfig): Promise<void> {
    try {
      const { param } = await this.link();
      const page = new URL('embed', new URL('./', window.location.href)).toString();
      await navigator.clipboard.writeText(embedSnippet(page, `s=${param}`, config));
      this.exportError = null;
    } catch (error) {
      this.exportError = `Could not copy the embed code: ${message(error)}`;
    }
  }
}
