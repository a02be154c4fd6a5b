/**
 * Never lose work: the current playground and named saves in IndexedDB (through idb).
 *
 * A browser can refuse storage at any moment (no IndexedDB, private mode, quota, a blocked upgrade).
 * None of that ever reaches the caller as an exception: the store switches to an in-memory copy,
 * sets `failure` to one sentence for the page to show once, and every later call keeps working.
 */
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import { curveToColumns } from './curve-columns';
import type { SavedRecord, SaveSummary, StoredRecord } from './record';

export type { SavedRecord, SaveSummary } from './record';

/** What a write of the current playground did: `revision` is the stored one afterwards. */
export type SaveOutcome = { saved: true; revision: number } | { saved: false; revision: number };

export interface Store {
  /**
   * Writes the current playground. With `base`, only when the stored revision is still `base` (the one this
   * tab last read or wrote); otherwise another tab has saved since, and nothing is written.
   */
  saveCurrent(record: SavedRecord, base?: number): Promise<SaveOutcome>;
  /** The stored record as it is, unchecked: it may be damaged (decode it with decodeRecord). null when none. */
  loadCurrent(): Promise<unknown>;
  /** the revision of the stored current playground (0 when none) */
  currentRevision(): Promise<number>;
  listSaves(): Promise<SaveSummary[]>;
  /** returns the new save's id */
  saveAs(name: string, record: SavedRecord): Promise<string>;
  /** Keeps a value that could not be read (a damaged autosave) as a named save, untouched, for a later look. */
  keepRaw(name: string, value: unknown): Promise<string>;
  /** The named save as stored, unchecked (decode it with decodeRecord). null when there is none. */
  openSave(id: string): Promise<unknown>;
  renameSave(id: string, name: string): Promise<void>;
  deleteSave(id: string): Promise<void>;
  /** set once storage has been refused; the store then keeps everything in memory */
  readonly failure: string | null;
}

export interface StoreOptions {
  dbName?: string;
  /** defaults to globalThis.indexedDB */
  indexedDB?: IDBFactory;
  /** an open that neither succeeds nor fails within this time counts as refused (some private modes hang) */
  openTimeoutMs?: number;
  /** makes save ids; defaults to crypto.randomUUID */
  makeId?: () => string;
}

interface AxonDb extends DBSchema {
  /** unknown: what is read back may be damaged, and is decoded before use */
  current: { key: string; value: unknown };
  /** the list shown in the saves panel, kept apart so listing never reads the weights */
  saveMeta: { key: string; value: SaveSummary };
  saves: { key: string; value: unknown };
}

const DB_VERSION = 1;
const CURRENT_KEY = 'current';
/**
 * The stored current record's revision, beside it in the same store and written in the same transaction:
 * checking it before a write then reads one number, not the whole record (which the browser would
 * deserialise on the page's thread, 10–20 ms for a long curve, every few seconds while training). The
 * record keeps its revision inside too, for versions that read it there; a tab of such a version does not
 * move this key, and the tabs' 'saved' broadcasts (persistence) still tell each tab of the other's writes.
 */
const REVISION_KEY = 'revision';

/** The sentence shown once when storage is refused. */
export function failureMessage(reason: string): string {
  return `Saving is off: the browser refused storage (${reason}). Your work stays in this tab; export a file to keep it.`;
}

function reasonOf(error: unknown): string {
  if (error && typeof error === 'object' && 'name' in error && typeof error.name === 'string' && error.name !== 'Error') {
    return error.name;
  }
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}

function defaultId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `save-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;
}

function openDatabase(factory: IDBFactory, name: string, timeoutMs: number): Promise<IDBPDatabase<AxonDb>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new DOMException('storage did not answer', 'TimeoutError')), timeoutMs);
    const done = <T>(settle: (value: T) => void) => (value: T) => {
      clearTimeout(timer);
      settle(value);
    };
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, DB_VERSION);
    } catch (error) {
      done(reject)(error);
      return;
    }
    request.addEventListener('upgradeneeded', () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('current')) db.createObjectStore('current');
      if (!db.objectStoreNames.contains('saveMeta')) db.createObjectStore('saveMeta', { keyPath: 'id' });
      if (!db.objectStoreNames.contains('saves')) db.createObjectStore('saves');
    });
    request.addEventListener('blocked', () => done(reject)(new DOMException('another tab holds an older database', 'BlockedError')));
    request.addEventListener('success', () => done(resolve)(wrap(request.result) as unknown as IDBPDatabase<AxonDb>));
    request.addEventListener('error', (event) => {
      // Handled here: without preventDefault some browsers also report it as an uncaught error.
      event.preventDefault();
      done(reject)(request.error ?? new DOMException('open failed', 'UnknownError'));
    });
  });
}

/** In-memory storage with the same behaviour as the database. */
class MemoryBackend {
  current: unknown = null;
  meta = new Map<string, SaveSummary>();
  records = new Map<string, unknown>();
}

function isRevision(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** The revision a stored value carries; records from before revisions (or damaged ones) count as 0. */
export function revisionOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const revision = (value as { revision?: unknown }).revision;
  return isRevision(revision) ? revision : 0;
}

/** The revision of the stored current record: its own key, or the record itself where an older version wrote it alone. */
async function storedRevision(store: { get(key: string): Promise<unknown> }): Promise<number> {
  const revision = await store.get(REVISION_KEY);
  if (isRevision(revision)) return revision;
  return revisionOf(await store.get(CURRENT_KEY));
}

function nextWrite(record: StoredRecord, current: number, base: number | undefined): { outcome: SaveOutcome; value: StoredRecord | null } {
  if (base !== undefined && current !== base) return { outcome: { saved: false, revision: current }, value: null };
  const revision = current + 1;
  return { outcome: { saved: true, revision }, value: { ...record, revision } };
}

/**
 * A plain copy of the record, as stored. The page's state may be made of Svelte $state proxies, which
 * IndexedDB cannot clone (DataCloneError); JSON reads through them. Copying also keeps the stored record
 * apart from later edits of the live one. The curve goes in as columns (curve-columns).
 */
export function plainRecord(record: SavedRecord): StoredRecord {
  const progress = record.progress;
  return {
    state: JSON.parse(JSON.stringify(record.state)),
    params: record.params ? new Float32Array(record.params) : null,
    frozen: record.frozen ? new Uint8Array(record.frozen) : null,
    ...(progress ? { progress: { step: progress.step, epoch: progress.epoch, curveColumns: curveToColumns(progress.curve) } } : {}),
    history: JSON.parse(JSON.stringify(record.history)),
    savedAt: record.savedAt,
    ...(record.revision !== undefined ? { revision: record.revision } : {})
  };
}

function byNewest(a: SaveSummary, b: SaveSummary): number {
  return b.savedAt - a.savedAt || a.name.localeCompare(b.name);
}

class FallbackStore implements Store {
  failure: string | null = null;
  private db: IDBPDatabase<AxonDb> | null;
  private memory = new MemoryBackend();
  private makeId: () => string;

  constructor(db: IDBPDatabase<AxonDb> | null, failure: string | null, makeId: () => string) {
    this.db = db;
    this.failure = failure;
    this.makeId = makeId;
  }

  /**
   * Runs `onDb` against the database; if the browser refuses, copies what can still be read into memory,
   * records the failure and runs `onMemory` instead, so the caller sees the same result either way.
   */
  private async run<T>(onDb: (db: IDBPDatabase<AxonDb>) => Promise<T>, onMemory: (memory: MemoryBackend) => T): Promise<T> {
    const db = this.db;
    if (db) {
      try {
        return await onDb(db);
      } catch (error) {
        await this.fallBack(db, error);
      }
    }
    return onMemory(this.memory);
  }

  private async fallBack(db: IDBPDatabase<AxonDb>, error: unknown): Promise<void> {
    if (this.db !== db) return;
    this.db = null;
    this.failure ??= failureMessage(reasonOf(error));
    // A quota error still lets us read: keep the saves the person already has visible in this tab.
    try {
      const [current, metas] = await Promise.all([db.get('current', CURRENT_KEY), db.getAll('saveMeta')]);
      if (current) this.memory.current ??= current;
      for (const meta of metas) {
        const record = await db.get('saves', meta.id);
        if (record && !this.memory.meta.has(meta.id)) {
          this.memory.meta.set(meta.id, meta);
          this.memory.records.set(meta.id, record);
        }
      }
    } catch {
      // Nothing readable either: memory starts empty.
    }
    try {
      db.close();
    } catch {
      // Already closed by the browser.
    }
  }

  saveCurrent(live: SavedRecord, base?: number): Promise<SaveOutcome> {
    const record = plainRecord(live);
    return this.run(
      async (db) => {
        // One transaction: the revision check and the write cannot be split by another tab's write.
        const tx = db.transaction('current', 'readwrite');
        const next = nextWrite(record, await storedRevision(tx.store), base);
        if (next.value) await Promise.all([tx.store.put(next.value, CURRENT_KEY), tx.store.put(next.value.revision, REVISION_KEY)]);
        await tx.done;
        return next.outcome;
      },
      (memory) => {
        const next = nextWrite(record, revisionOf(memory.current), base);
        if (next.value) memory.current = next.value;
        return next.outcome;
      }
    );
  }

  loadCurrent(): Promise<unknown> {
    return this.run(
      async (db) => (await db.get('current', CURRENT_KEY)) ?? null,
      (memory) => memory.current
    );
  }

  currentRevision(): Promise<number> {
    return this.run(
      (db) => storedRevision(db.transaction('current').store),
      (memory) => revisionOf(memory.current)
    );
  }

  listSaves(): Promise<SaveSummary[]> {
    return this.run(
      async (db) => (await db.getAll('saveMeta')).sort(byNewest),
      (memory) => [...memory.meta.values()].sort(byNewest)
    );
  }

  saveAs(name: string, live: SavedRecord): Promise<string> {
    const record = plainRecord(live);
    return this.putSave(name, record, record.savedAt);
  }

  keepRaw(name: string, value: unknown): Promise<string> {
    return this.putSave(name, value, Date.now());
  }

  private async putSave(name: string, record: unknown, savedAt: number): Promise<string> {
    const meta: SaveSummary = { id: this.makeId(), name, savedAt };
    await this.run(
      async (db) => {
        const tx = db.transaction(['saveMeta', 'saves'], 'readwrite');
        await Promise.all([tx.objectStore('saveMeta').put(meta), tx.objectStore('saves').put(record, meta.id), tx.done]);
      },
      (memory) => {
        memory.meta.set(meta.id, meta);
        memory.records.set(meta.id, record);
      }
    );
    return meta.id;
  }

  openSave(id: string): Promise<unknown> {
    return this.run(
      async (db) => (await db.get('saves', id)) ?? null,
      (memory) => memory.records.get(id) ?? null
    );
  }

  renameSave(id: string, name: string): Promise<void> {
    return this.run(
      async (db) => {
        const tx = db.transaction('saveMeta', 'readwrite');
        const meta = await tx.store.get(id);
        if (meta) await tx.store.put({ ...meta, name });
        await tx.done;
      },
      (memory) => {
        const meta = memory.meta.get(id);
        if (meta) memory.meta.set(id, { ...meta, name });
      }
    );
  }

  deleteSave(id: string): Promise<void> {
    return this.run(
      async (db) => {
        const tx = db.transaction(['saveMeta', 'saves'], 'readwrite');
        await Promise.all([tx.objectStore('saveMeta').delete(id), tx.objectStore('saves').delete(id), tx.done]);
      },
      (memory) => {
        memory.meta.delete(id);
        memory.records.delete(id);
      }
    );
  }
}

/** Opens the store; never rejects (a refused database gives an in-memory store with `failure` set). */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const makeId = options.makeId ?? defaultId;
  let factory: IDBFactory | undefined;
  try {
    factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  } catch (error) {
    // Some sandboxed frames throw a SecurityError just for reading window.indexedDB.
    return new FallbackStore(null, failureMessage(reasonOf(error)), makeId);
  }
  if (!factory) return new FallbackStore(null, failureMessage('IndexedDB is not available'), makeId);
  try {
    const db = await openDatabase(factory, options.dbName ?? 'axon', options.openTimeoutMs ?? 5000);
    return new FallbackStore(db, null, makeId);
  } catch (error) {
    return new FallbackStore(null, failureMessage(reasonOf(error)), makeId);
  }
}
