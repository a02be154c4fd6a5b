/**
 * Debounced autosave: a burst of changes (a drag, a slider) becomes one write a moment after the last one.
 * The record is built only when the write happens, so scheduling is cheap enough to call on every change.
 */
import type { SavedRecord } from './record';

/** The one store method the autosaver needs. */
export interface CurrentSaver {
  saveCurrent(record: SavedRecord): Promise<unknown>;
}

export interface AutosaverOptions {
  delayMs?: number;
  /** when given (the window), a pending save is flushed on `pagehide` and when the page is hidden */
  lifecycle?: EventTarget;
  /** the document, for `visibilitychange`; defaults to none */
  visibility?: { readonly visibilityState: string } & EventTarget;
}

export interface Autosaver {
  /** (re)starts the delay; the latest getRecord wins */
  schedule(getRecord: () => SavedRecord): void;
  /** writes a pending save now and waits for every write under way */
  flush(): Promise<void>;
  /** true while a save is waiting for its delay */
  readonly pending: boolean;
  /** removes the page listeners and drops a pending save */
  dispose(): void;
}

export function createAutosaver(store: CurrentSaver, options: AutosaverOptions = {}): Autosaver {
  const delayMs = options.delayMs ?? 400;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let nextRecord: (() => SavedRecord) | null = null;
  // Writes are chained so an older record can never land after a newer one.
  let writing: Promise<void> = Promise.resolve();

  const writeNow = (): Promise<void> => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const getRecord = nextRecord;
    nextRecord = null;
    if (getRecord) {
      writing = writing.then(async () => {
        try {
          await store.saveCurrent(getRecord());
        } catch {
          // The store reports its own failures (its `failure` field); a later save may still work.
        }
      });
    }
    return writing;
  };

  const onPageHide = () => void writeNow();
  const onVisibility = () => {
    if (options.visibility?.visibilityState === 'hidden') void writeNow();
  };
  options.lifecycle?.addEventListener('pagehide', onPageHide);
  options.visibility?.addEventListener('visibilitychange', onVisibility);

  return {
    schedule(getRecord) {
      nextRecord = getRecord;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => void writeNow(), delayMs);
    },
    flush: writeNow,
    get pending() {
      return timer !== null;
    },
    dispose() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      nextRecord = null;
      options.lifecycle?.removeEventListener('pagehide', onPageHide);
      options.visibility?.removeEventListener('visibilitychange', onVisibility);
    }
  };
}
