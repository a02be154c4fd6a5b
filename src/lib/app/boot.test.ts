// Where the playground starts, against a real (fake) IndexedDB: embeds never touch the learner's storage,
// links never cost saved work, a damaged autosave never bricks the app.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { defaultState } from '../model/defaults';
import type { PlaygroundState } from '../model/playground';
import { paramCounts } from '../model/spec';
import { encodeState } from '../model/url';
import { openStore, type Store } from '../store/store';
import type { SavedRecord } from '../store/record';
import { startingPoint, type BootOptions } from './boot';

const NOW = new Date(Date.UTC(2026, 10, 30, 19, 42));

function labelled(label: string): PlaygroundState {
  const state = defaultState();
  state.doc.nodes[state.doc.nodes.length - 1].label = label;
  return state;
}

const labelOf = (state: PlaygroundState) => state.doc.nodes[state.doc.nodes.length - 1].label;

function recordOf(state: PlaygroundState, params?: number[]): SavedRecord {
  const count = paramCounts(state.doc).total;
  return {
    state,
    params: Float32Array.from(params ?? Array.from({ length: count }, (_, i) => i / 10)),
    frozen: new Uint8Array(count),
    history: { past: [], future: [] },
    savedAt: 1
  };
}

async function storeWith(current?: unknown): Promise<Store> {
  const factory = new IDBFactory();
  const store = await openStore({ indexedDB: factory });
  if (current !== undefined) {
    // Write the raw value as a damaged or older app might have left it.
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = factory.open('axon', 1);
      request.onsuccess = () => resolve(request.result);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('current', 'readwrite');
      tx.objectStore('current').put(current, 'current');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }
  return store;
}

const boot = (options: Partial<BootOptions>) =>
  startingPoint({ embed: false, preset: null, search: '', hash: '', store: null, now: NOW, ...options });

/** A store any call to which fails the test: the embed must not touch it. */
const untouchable = new Proxy({} as Store, {
  get(_target, key) {
    throw new Error(`the embed touched the learner's storage (${String(key)})`);
  }
});

describe('the embed never reads the learner’s storage', () => {
  it('starts from the default, the link in its URL, or a preset, never from the autosave', async () => {
    const plain = await boot({ embed: true, store: untouchable });
    expect(plain.state).toEqual(defaultState());
    const link = await encodeState(labelled('FROM-THE-EMBED-LINK'));
    const linked = await boot({ embed: true, hash: `#s=${link}`, store: untouchable });
    expect(labelOf(linked.state)).toBe('FROM-THE-EMBED-LINK');
    const preset = await boot({ embed: true, preset: 'classic-xor', store: untouchable });
    expect(preset.state.data).toMatchObject({ generator: 'xor' });
  });

  it('with the learner’s autosave present, an embed still opens the default', async () => {
    const store = await storeWith(recordOf(labelled('LEARNER-SECRET')));
    const start = await boot({ embed: true, store });
    expect(JSON.stringify(start.state)).not.toContain('LEARNER-SECRET');
  });
});

describe('opening a link never costs saved work', () => {
  it('a valid link (in the fragment) opens, and the previous playground is kept as a named save', async () => {
    const store = await storeWith(recordOf(labelled('MY-WORK')));
    const link = await encodeState(labelled('SHARED'));
    const start = await boot({ store, hash: `#s=${link}` });
    expect(labelOf(start.state)).toBe('SHARED');
    expect(start.fromAddress).toBe(true);
    const saves = await store.listSaves();
    expect(saves.map((s) => s.name)).toEqual([expect.stringMatching(/^Before opening a link — 30 Nov 2026/)]);
    expect(start.messages.join(' ')).toContain(`“${saves[0].name}”`);
    expect(start.messages.join(' ')).toMatch(/Keep & share/);
    const kept = (await store.openSave(saves[0].id)) as SavedRecord;
    expect(labelOf(kept.state)).toBe('MY-WORK');
    expect(kept.params).toHaveLength(paramCounts(kept.state.doc).total);
  });

  it('old ?s= links still open', async () => {
    const link = await encodeState(labelled('OLD-STYLE'));
    const start = await boot({ store: await storeWith(), search: `?s=${link}` });
    expect(labelOf(start.state)).toBe('OLD-STYLE');
  });

  it('opening the link of the playground already on screen makes no extra save', async () => {
    const store = await storeWith(recordOf(labelled('SAME')));
    await boot({ store, hash: `#s=${await encodeState(labelled('SAME'))}` });
    expect(await store.listSaves()).toEqual([]);
  });

  it.each([
    ['one flipped character', (l: string) => l.slice(0, 20) + (l[20] === 'A' ? 'B' : 'A') + l.slice(21)],
    ['a + inserted', (l: string) => `${l.slice(0, 30)}+${l.slice(30)}`],
    ['a % inserted', (l: string) => `${l.slice(0, 30)}%${l.slice(30)}`],
    ['cut short', (l: string) => l.slice(0, 40)],
    ['v instead of v1.', () => 'v'],
    ['a newer version', (l: string) => `v9.${l.slice(3)}`]
  ])('an unreadable link (%s) leaves the learner’s playground on screen and in storage', async (_name, mutate) => {
    const store = await storeWith(recordOf(labelled('MY-WORK')));
    const link = mutate(await encodeState(labelled('SHARED')));
    const start = await boot({ store, hash: `#s=${encodeURIComponent(link)}` });
    // A flipped character may still inflate to a readable (if odd) playground; it then opens like any link,
    // and the previous work is kept. Either way the learner's work is on screen or in a named save.
    if (labelOf(start.state) === 'MY-WORK') {
      expect(start.messages.join(' ')).toMatch(/could not be opened; your own playground is shown, unchanged/);
      expect(start.weights?.params).toHaveLength(paramCounts(start.state.doc).total);
    } else {
      const saves = await store.listSaves();
      expect(labelOf(((await store.openSave(saves[0].id)) as SavedRecord).state)).toBe('MY-WORK');
    }
    expect(labelOf(((await store.loadCurrent()) as SavedRecord).state)).toBe('MY-WORK');
  });
});

describe('a damaged autosave never bricks the app', () => {
  const good = () => recordOf(labelled('MY-WORK'));
  const noDoc = (): unknown => {
    const record = good() as unknown as { state: Record<string, unknown> };
    delete record.state.doc;
    return record;
  };
  const unknownGenerator = () => {
    const record = good();
    (record.state.data as { generator: string }).generator = 'swirl';
    return record;
  };
  const nanWeights = () => {
    const record = good();
    record.params![1] = NaN;
    return record;
  };
  const badHistory = () => ({ ...good(), history: { past: [{ forward: { type: 'replace', doc: 'x' }, inverse: {} }], future: [] } });

  it.each([
    ['a string', (): unknown => 'not a record', 'fresh'],
    ['state: null', (): unknown => ({ ...good(), state: null }), 'fresh'],
    ['no doc', noDoc, 'fresh'],
    ['an unknown generator', unknownGenerator, 'repaired'],
    ['NaN weights', nanWeights, 'no weights'],
    ['a broken undo history', badHistory, 'no history']
  ] as const)('%s: starts (%s) with a message, and keeps the damaged record as a named save', async (_name, make, outcome) => {
    const raw = make();
    const store = await storeWith(raw);
    const start = await boot({ store });
    expect(start.tone).toBe('warning');
    const saves = await store.listSaves();
    expect(saves.map((s) => s.name)).toEqual([expect.stringMatching(/^Damaged autosave — /)]);
    expect(start.messages.join(' ')).toContain(`“${saves[0].name}”`);
    // Kept as it was, to look at later (structured clone turns NaN into NaN, so compare via JSON).
    expect(JSON.stringify(await store.openSave(saves[0].id))).toBe(JSON.stringify(raw));
    if (outcome === 'fresh') {
      expect(start.state).toEqual(defaultState());
      expect(start.messages.join(' ')).toMatch(/fresh playground/);
    } else {
      expect(labelOf(start.state)).toBe('MY-WORK');
    }
    if (outcome === 'repaired') expect(start.state.data).toMatchObject({ generator: 'circle' });
    if (outcome === 'no weights') expect(start.weights).toBeUndefined();
    if (outcome === 'no history') expect(start.history).toEqual({ past: [], future: [] });
  });

  it('a sound autosave opens as it was, with no message and no extra save', async () => {
    const store = await storeWith({ ...good(), revision: 4 });
    const start = await boot({ store });
    expect(labelOf(start.state)).toBe('MY-WORK');
    expect(start.messages).toEqual([]);
    expect(start.revision).toBe(4);
    expect(await store.listSaves()).toEqual([]);
  });
});
