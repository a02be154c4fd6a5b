// idb checks values against the global IDB classes, as a browser has them; the factories below are fresh ones.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type PlaygroundState } from '../model/playground';
import { failureMessage, openStore } from './store';
import { decodeRecord } from './decode';
import type { SavedRecord } from './record';

function makeState(label: string): PlaygroundState {
  return {
    version: 1,
    doc: {
      nodes: [
        { id: 'in', kind: 'input', label: 'x', x: 0, y: 0, units: 2, activation: 'linear', features: [{ op: 'id', a: 0 }, { op: 'id', a: 1 }] },
        { id: 'out', kind: 'output', label, x: 200, y: 0, units: 1, activation: 'sigmoid' }
      ],
      edges: [{ id: 'e1', from: 'in', to: 'out' }]
    },
    settings: { ...DEFAULT_SETTINGS, learningRate: 0.1 },
    data: { kind: 'generated', generator: 'xor', count: 200, noise: 0.1, testFraction: 0.5, seed: 7 },
    view: { xColumn: 0, yColumn: 1 }
  };
}

function makeRecord(label: string, savedAt: number, params: number[] = [0.5, -1.25, 3]): SavedRecord {
  return {
    state: makeState(label),
    params: Float32Array.from(params),
    frozen: Uint8Array.from([0, 1, 0]),
    history: {
      past: [{ forward: { type: 'removeEdge', id: 'e0' }, inverse: { type: 'addEdge', edge: { id: 'e0', from: 'in', to: 'out' } } }],
      future: []
    },
    savedAt
  };
}

/** What the store hands back is unchecked (decodeRecord's job); these tests wrote it, so they read it as written. */
const asRecord = (value: unknown) => value as SavedRecord | null;

let counter = 0;
const ids = () => `id-${++counter}`;

describe('openStore with IndexedDB', () => {
  it('round-trips the current record with its typed arrays', async () => {
    const factory = new IDBFactory();
    const store = await openStore({ indexedDB: factory, dbName: 'roundtrip' });
    expect(store.failure).toBeNull();
    expect(await store.loadCurrent()).toBeNull();
    await store.saveCurrent(makeRecord('first', 1000));
    await store.saveCurrent(makeRecord('second', 2000, [1, 2, 3]));

    // A second store on the same factory is a reload: it must see what the first one wrote.
    const reopened = await openStore({ indexedDB: factory, dbName: 'roundtrip' });
    const loaded = asRecord(await reopened.loadCurrent());
    expect(loaded).not.toBeNull();
    expect(loaded!.state.doc.nodes[1].label).toBe('second');
    expect(loaded!.state.settings.learningRate).toBe(0.1);
    expect(loaded!.params).toBeInstanceOf(Float32Array);
    expect(Array.from(loaded!.params!)).toEqual([1, 2, 3]);
    expect(loaded!.frozen).toBeInstanceOf(Uint8Array);
    expect(Array.from(loaded!.frozen!)).toEqual([0, 1, 0]);
    expect(loaded!.history.past[0].inverse).toEqual({ type: 'addEdge', edge: { id: 'e0', from: 'in', to: 'out' } });
    expect(loaded!.history.future).toEqual([]);
    expect(loaded!.savedAt).toBe(2000);
  });

  it('keeps the curve as typed columns, and reads it back as the epochs it was', async () => {
    const store = await openStore({ indexedDB: new IDBFactory(), dbName: 'curve' });
    const curve = Array.from({ length: 300 }, (_, k) => ({ epoch: k + 1, trainLoss: 1 / (k + 1), testLoss: NaN, trainAccuracy: 0.5, testAccuracy: NaN }));
    await store.saveCurrent({ ...makeRecord('curve', 5), progress: { step: 900, epoch: 300, curve } });
    const stored = (await store.loadCurrent()) as { progress: { curveColumns: Record<string, unknown> } };
    expect(stored.progress.curveColumns.trainLoss).toBeInstanceOf(Float64Array);
    const decoded = decodeRecord(stored);
    expect(decoded.warnings).toEqual([]);
    expect(decoded.record!.progress).toEqual({ step: 900, epoch: 300, curve });
  });

  it('lists, opens, renames and deletes named saves, newest first', async () => {
    const store = await openStore({ indexedDB: new IDBFactory(), makeId: ids });
    const a = await store.saveAs('XOR try', makeRecord('a', 100, [1]));
    const b = await store.saveAs('Spiral', makeRecord('b', 300, [2]));
    const c = await store.saveAs('Circle', makeRecord('c', 200, [3]));
    expect((await store.listSaves()).map((s) => s.name)).toEqual(['Spiral', 'Circle', 'XOR try']);
    expect(await store.listSaves()).toContainEqual({ id: b, name: 'Spiral', savedAt: 300 });

    const opened = asRecord(await store.openSave(c));
    expect(opened!.state.doc.nodes[1].label).toBe('c');
    expect(Array.from(opened!.params!)).toEqual([3]);

    await store.renameSave(a, 'XOR, deeper');
    expect((await store.listSaves()).find((s) => s.id === a)!.name).toBe('XOR, deeper');

    await store.deleteSave(b);
    expect((await store.listSaves()).map((s) => s.id)).toEqual([c, a]);
    expect(await store.openSave(b)).toBeNull();
    // Renaming or deleting what is gone is harmless.
    await store.renameSave('missing', 'x');
    await store.deleteSave('missing');
    expect(await store.listSaves()).toHaveLength(2);
    expect(store.failure).toBeNull();
  });
});

describe('openStore when the browser refuses storage', () => {
  it('falls back to memory when there is no IndexedDB', async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error: a browser without IndexedDB
    delete globalThis.indexedDB;
    const store = await openStore({ dbName: 'x' });
    globalThis.indexedDB = saved;
    expect(store.failure).toBe(failureMessage('IndexedDB is not available'));
    await store.saveCurrent(makeRecord('mem', 5));
    expect(asRecord(await store.loadCurrent())!.state.doc.nodes[1].label).toBe('mem');
  });

  it('falls back to memory when open throws (private mode)', async () => {
    const factory = {
      open() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      }
    } as unknown as IDBFactory;
    const store = await openStore({ indexedDB: factory, makeId: ids });
    expect(store.failure).toBe(
      'Saving is off: the browser refused storage (SecurityError). Your work stays in this tab; export a file to keep it.'
    );
    const id = await store.saveAs('kept', makeRecord('k', 9));
    expect(await store.listSaves()).toEqual([{ id, name: 'kept', savedAt: 9 }]);
    await store.renameSave(id, 'renamed');
    expect((await store.listSaves())[0].name).toBe('renamed');
    await store.deleteSave(id);
    expect(await store.listSaves()).toEqual([]);
  });

  it('treats an open that never answers as refused', async () => {
    const factory = {
      open() {
        return new EventTarget() as unknown as IDBOpenDBRequest;
      }
    } as unknown as IDBFactory;
    const store = await openStore({ indexedDB: factory, openTimeoutMs: 20 });
    expect(store.failure).toContain('(TimeoutError)');
    await store.saveCurrent(makeRecord('t', 1));
    expect(await store.loadCurrent()).not.toBeNull();
  });

  it('switches to memory when a put rejects with QuotaExceededError, keeping what was saved', async () => {
    const factory = new IDBFactory();
    const store = await openStore({ indexedDB: factory, makeId: ids });
    const earlier = await store.saveAs('before the quota', makeRecord('early', 10, [7]));
    await store.saveCurrent(makeRecord('stored', 11));

    // Make every later write fail the way a full disk does.
    const { IDBObjectStore } = await import('fake-indexeddb');
    const realPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      await expect(store.saveCurrent(makeRecord('after', 12, [4, 5]))).resolves.toEqual({ saved: true, revision: 2 });
      expect(store.failure).toBe(
        'Saving is off: the browser refused storage (QuotaExceededError). Your work stays in this tab; export a file to keep it.'
      );
      // The write that failed is not lost: it lives in memory now.
      const current = asRecord(await store.loadCurrent());
      expect(current!.state.doc.nodes[1].label).toBe('after');
      expect(Array.from(current!.params!)).toEqual([4, 5]);
      // The save made before the failure is still listed and openable.
      expect((await store.listSaves()).map((s) => s.id)).toEqual([earlier]);
      expect(Array.from(asRecord(await store.openSave(earlier))!.params!)).toEqual([7]);
      // Later calls keep working, and the message does not change.
      const later = await store.saveAs('later', makeRecord('l', 20));
      expect((await store.listSaves()).map((s) => s.id)).toEqual([later, earlier]);
      expect(store.failure).toContain('QuotaExceededError');
    } finally {
      IDBObjectStore.prototype.put = realPut;
    }
  });

  it('switches to memory when a transaction aborts with a quota error', async () => {
    const store = await openStore({ indexedDB: new IDBFactory(), makeId: ids });
    const { IDBDatabase } = await import('fake-indexeddb');
    const realTransaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function () {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    };
    try {
      const id = await store.saveAs('x', makeRecord('x', 1));
      expect(store.failure).toContain('QuotaExceededError');
      expect(asRecord(await store.openSave(id))!.state.doc.nodes[1].label).toBe('x');
    } finally {
      IDBDatabase.prototype.transaction = realTransaction;
    }
  });
});

describe('records made of proxies', () => {
  it('stores a record whose state is a Proxy (as Svelte $state makes), and keeps it apart from later edits', async () => {
    const store = await openStore({ indexedDB: new IDBFactory() });
    const live = makeRecord('proxied', 3);
    const proxied: SavedRecord = { ...live, state: new Proxy(live.state, {}), history: new Proxy(live.history, {}) };
    // What IndexedDB would do with it as it is:
    expect(() => structuredClone(proxied)).toThrow(/could not be cloned/);
    await store.saveCurrent(proxied);
    live.state.doc.nodes[1].label = 'edited afterwards';
    live.params![0] = 99;
    const loaded = asRecord(await store.loadCurrent());
    expect(loaded!.state.doc.nodes[1].label).toBe('proxied');
    expect(loaded!.params![0]).toBe(0.5);
    expect(store.failure).toBeNull();
  });
});

describe('revisions: two tabs never silently overwrite each other', () => {
  it('writes over the revision it was based on, and refuses (writing nothing) when another tab saved since', async () => {
    const factory = new IDBFactory();
    const tabA = await openStore({ indexedDB: factory });
    const tabB = await openStore({ indexedDB: factory });
    expect(await tabA.currentRevision()).toBe(0);
    expect(await tabA.saveCurrent(makeRecord('a1', 1), 0)).toEqual({ saved: true, revision: 1 });
    // B opened at revision 1 and saves: revision 2.
    expect(await tabB.saveCurrent(makeRecord('b1', 2), 1)).toEqual({ saved: true, revision: 2 });
    // A still believes revision 1 is the latest: its write is refused and B's work stays.
    expect(await tabA.saveCurrent(makeRecord('a2', 3), 1)).toEqual({ saved: false, revision: 2 });
    expect(asRecord(await tabA.loadCurrent())!.state.doc.nodes[1].label).toBe('b1');
    expect(await tabA.currentRevision()).toBe(2);
  });

  it('checks the revision by reading one number, not the stored record (which can be megabytes)', async () => {
    const factory = new IDBFactory();
    const store = await openStore({ indexedDB: factory });
    await store.saveCurrent(makeRecord('first', 1), 0);
    const read: unknown[] = [];
    const get = IDBObjectStore.prototype.get;
    IDBObjectStore.prototype.get = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
      read.push(key);
      return get.call(this, key);
    };
    try {
      expect(await store.saveCurrent(makeRecord('second', 2), 1)).toEqual({ saved: true, revision: 2 });
      expect(await store.currentRevision()).toBe(2);
    } finally {
      IDBObjectStore.prototype.get = get;
    }
    expect(read).toEqual(['revision', 'revision']);
  });

  it('reads the revision from the record where an older version stored it alone', async () => {
    const factory = new IDBFactory();
    const store = await openStore({ indexedDB: factory, dbName: 'older' });
    // What a version before the revision key wrote: the record, with its revision inside.
    const db: IDBDatabase = await new Promise((resolve) => {
      const request = factory.open('older');
      request.onsuccess = () => resolve(request.result);
    });
    await new Promise((resolve) => {
      const tx = db.transaction('current', 'readwrite');
      tx.objectStore('current').put({ ...makeRecord('old', 1), revision: 7 }, 'current');
      tx.oncomplete = resolve;
    });
    db.close();
    expect(await store.currentRevision()).toBe(7);
    expect(await store.saveCurrent(makeRecord('stale', 2), 6)).toEqual({ saved: false, revision: 7 });
    expect(await store.saveCurrent(makeRecord('next', 3), 7)).toEqual({ saved: true, revision: 8 });
    expect(await store.currentRevision()).toBe(8);
  });

  it('the in-memory fallback checks revisions the same way', async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error: a browser without IndexedDB
    delete globalThis.indexedDB;
    const store = await openStore({ dbName: 'y' });
    globalThis.indexedDB = saved;
    expect(store.failure).not.toBeNull();
    expect(await store.saveCurrent(makeRecord('m1', 1), 0)).toEqual({ saved: true, revision: 1 });
    expect(await store.saveCurrent(makeRecord('m2', 2), 0)).toEqual({ saved: false, revision: 1 });
  });

  it('keepRaw keeps a damaged value untouched under a name', async () => {
    const store = await openStore({ indexedDB: new IDBFactory(), makeId: ids });
    const id = await store.keepRaw('Damaged autosave', { state: null, junk: 'x' });
    expect((await store.listSaves()).map((s) => s.name)).toEqual(['Damaged autosave']);
    expect(await store.openSave(id)).toEqual({ state: null, junk: 'x' });
  });
});
