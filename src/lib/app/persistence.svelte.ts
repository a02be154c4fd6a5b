/**
 * The learner's own storage, for the full app only (an embed never has one): the autosave, the named saves,
 * and two tabs sharing one playground.
 *
 * Two tabs: every write of the autosave is conditional on the revision this tab last read or wrote, so a tab
 * never writes over a save it has not seen. When another tab has saved (its broadcast arrives, or a write is
 * refused), this tab stops autosaving and asks: open the newer version (this tab's work is kept as a named
 * save) or keep working here (the other tab's version is kept as a named save). Nothing is lost either way.
 */
import type { Snapshot } from '../../../workers/protocol';
import type { PlaygroundState } from '../model/playground';
import { progressToSave } from '../model/schema';
import { createAutosaver, type Autosaver } from '../store/autosave';
import { decodeRecord } from '../store/decode';
import type { SavedRecord, SaveSummary } from '../store/record';
import type { Store } from '../store/store';
import { stamp } from './boot';
import type { Playground } from './playground.svelte';

/** While training, the weights are saved at most this often (a crash loses at most this much). */
const TRAINING_SAVE_INTERVAL_MS = 3000;
/** The channel on which tabs of this origin announce their saves. */
export const SAVE_CHANNEL = 'axon-autosave';

interface SavedMessage {
  type: 'saved';
  revision: number;
  tab: string;
}

/** Another tab saved a newer version of the playground than this tab has. */
export interface TabConflict {
  revision: number;
}

export class Persistence {
  saves: SaveSummary[] = $state([]);
  conflict: TabConflict | null = $state(null);

  readonly #pg: Playground;
  readonly #store: Store;
  readonly #tab = Math.random().toString(36).slice(2);
  /** the stored revision this tab's work is based on */
  #revision: number;
  #autosaver: Autosaver | null = null;
  #channel: BroadcastChannel | null = null;
  #lastTrainingSave = 0;
  #reportedFailure = false;
  /** what the stored autosave holds, as far as this tab knows: a write of the same is skipped */
  #storedFingerprint: string | null;

  /**
   * `revision`: the stored autosave's revision the playground on screen started from; `stored`: that record
   * when the screen shows it unchanged (so merely opening a tab writes nothing and disturbs no other tab).
   */
  constructor(pg: Playground, store: Store, revision: number, stored: SavedRecord | null = null) {
    this.#pg = pg;
    this.#store = store;
    this.#revision = revision;
    this.#storedFingerprint = stored ? fingerprint(stored) : null;
  }

  /** Starts saving a moment after each change (every few seconds while training); returns the stop function. */
  start(): () => void {
    this.#autosaver = createAutosaver({ saveCurrent: (record) => this.#write(record) }, { lifecycle: window, visibility: document });
    this.#listen();
    void this.refreshSaves();
    this.#reportFailure();
    const onSnapshot = (snapshot: Snapshot) => {
      const now = performance.now();
      if (snapshot.running && now - this.#lastTrainingSave < TRAINING_SAVE_INTERVAL_MS) return;
      this.#lastTrainingSave = now;
      this.#schedule();
    };
    this.#pg.snapshotListeners.add(onSnapshot);
    const stopWatching = $effect.root(() => {
      $effect(() => {
        // Reading the whole state (deeply) makes every document, settings or data change schedule a save.
        JSON.stringify(this.#pg.state);
        void this.#pg.history;
        this.#schedule();
      });
    });
    return () => {
      stopWatching();
      this.#pg.snapshotListeners.delete(onSnapshot);
      void this.#autosaver?.flush();
      this.#autosaver?.dispose();
      this.#channel?.close();
    };
  }

  /** Writes a pending save now (before the page goes away on purpose). */
  async flush(): Promise<void> {
    await this.#autosaver?.flush();
  }

  #listen(): void {
    if (typeof BroadcastChannel === 'undefined') return;
    this.#channel = new BroadcastChannel(SAVE_CHANNEL);
    this.#channel.onmessage = (event: MessageEvent<SavedMessage>) => {
      const message = event.data;
      if (message?.type !== 'saved' || message.tab === this.#tab || typeof message.revision !== 'number') return;
      if (message.revision > this.#revision) this.conflict = { revision: message.revision };
    };
  }

  #schedule(): void {
    // While the learner has not chosen between this tab and the other, nothing is written.
    if (this.conflict) return;
    this.#autosaver?.schedule(() => this.record());
  }

  /** `force`: the learner chose this tab's work over the other's, so no revision check. */
  async #write(record: SavedRecord, force = false): Promise<void> {
    if (this.conflict && !force) return;
    const print = fingerprint(record);
    if (print === this.#storedFingerprint && !force) return;
    const outcome = await this.#store.saveCurrent(record, force ? undefined : this.#revision);
    this.#reportFailure();
    if (!outcome.saved) {
      this.conflict = { revision: outcome.revision };
      return;
    }
    this.#revision = outcome.revision;
    this.#storedFingerprint = print;
    const message: SavedMessage = { type: 'saved', revision: outcome.revision, tab: this.#tab };
    this.#channel?.postMessage(message);
  }

  /** The playground on screen as a record to store. */
  record(): SavedRecord {
    const snapshot = this.#pg.snapshot;
    return {
      state: $state.snapshot(this.#pg.state) as PlaygroundState,
      params: snapshot ? snapshot.params.slice() : null,
      frozen: snapshot ? snapshot.frozen.slice() : null,
      progress: snapshot ? progressToSave(snapshot.step, snapshot.epoch, this.#pg.curve) : null,
      history: this.#pg.history,
      savedAt: Date.now()
    };
  }

  /** A storage failure is reported once; the app keeps working in memory. */
  #reportFailure(): void {
    if (this.#reportedFailure || !this.#store.failure) return;
    this.#reportedFailure = true;
    this.#pg.notice = { kind: 'warning', text: this.#store.failure };
  }

  // ---- two tabs ------------------------------------------------------------------------------

  /** Opens the other tab's newer version here; this tab's work is kept first as a named save. */
  async loadNewer(): Promise<void> {
    const name = `This tab's version — ${stamp(new Date())}`;
    await this.#store.saveAs(name, this.record());
    const raw = await this.#store.loadCurrent();
    const decoded = decodeRecord(raw, 'The other tab’s save');
    if (!decoded.record) {
      this.#pg.notice = { kind: 'error', text: `${decoded.warnings.join(' ')} This tab's work is kept as “${name}”.` };
      return this.keepMine();
    }
    const { state, params, frozen, progress, revision = 0 } = decoded.record;
    await this.#pg.loadState(state, params ? { params, frozen } : undefined, progress ?? undefined);
    this.#revision = revision;
    this.#storedFingerprint = null;
    this.conflict = null;
    await this.refreshSaves();
    this.#pg.notice = { kind: 'info', text: `Opened the newer version from the other tab. This tab's work is kept as the named save “${name}”.` };
  }

  /** Keeps this tab's work as the autosave; the other tab's version is kept as a named save. */
  async keepMine(): Promise<void> {
    const name = `Other tab's version — ${stamp(new Date())}`;
    const raw = await this.#store.loadCurrent();
    const decoded = decodeRecord(raw, 'The other tab’s save');
    if (decoded.record) await this.#store.saveAs(name, decoded.record);
    else if (raw !== null) await this.#store.keepRaw(name, raw);
    this.conflict = null;
    // Written whatever the other tab did meanwhile (it keeps its version on screen, and is asked in turn).
    await this.#write(this.record(), true);
    await this.refreshSaves();
    this.#pg.notice = { kind: 'info', text: `This tab's work is saved. The other tab's version is kept as the named save “${name}”.` };
  }

  // ---- named saves -------------------------------------------------------------------------

  async refreshSaves(): Promise<void> {
    this.saves = await this.#store.listSaves();
  }

  async saveAs(name: string): Promise<void> {
    await this.#store.saveAs(name, this.record());
    await this.refreshSaves();
    this.#reportFailure();
  }

  async openSave(id: string): Promise<void> {
    const name = this.saves.find((s) => s.id === id)?.name ?? 'that save';
    const decoded = decodeRecord(await this.#store.openSave(id), `The save “${name}”`);
    if (!decoded.record) {
      this.#pg.notice = { kind: 'error', text: `${decoded.warnings[0] ?? 'That save could not be read.'} Your current work is unchanged.` };
      return;
    }
    const { state, params, frozen, progress } = decoded.record;
    const opened = await this.#pg.loadState(state, params ? { params, frozen } : undefined, progress ?? undefined);
    if (opened && decoded.warnings.length) this.#pg.notice = { kind: 'warning', text: decoded.warnings.join(' ') };
  }

  async renameSave(id: string, name: string): Promise<void> {
    await this.#store.renameSave(id, name);
    await this.refreshSaves();
  }

  async deleteSave(id: string): Promise<void> {
    await this.#store.deleteSave(id);
    await this.refreshSaves();
  }
}

/** A cheap identity of a record's content (state, undo depth, weights), to skip writing what is already stored. */
export function fingerprint(record: SavedRecord): string {
  let hash = 0x811c9dc5;
  if (record.params) {
    const words = new Uint32Array(record.params.buffer, record.params.byteOffset, record.params.length);
    for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i], 0x01000193) >>> 0;
  }
  const history = `${record.history.past.length}/${record.history.future.length}@${record.progress?.step ?? -1}`;
  return `${JSON.stringify(record.state)}|${history}|${record.params?.length ?? -1}:${hash}`;
}
