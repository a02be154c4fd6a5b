/**
 * Browser contexts and pages for the end-to-end tests: console errors and warnings collected
 * (frames' too), every context closed after each test, and a few reads of the app's state and storage.
 */
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';

export interface Opened {
  context: BrowserContext;
  page: Page;
  errors: string[];
  warnings: string[];
}

export interface ContextOptions {
  viewport?: { width: number; height: number };
  clipboard?: boolean;
}

/** Makes contexts on `browser()` and remembers them; call closeAll() after each test. */
export function contextPool(browser: () => Browser) {
  const contexts: BrowserContext[] = [];
  return {
    async newContext(options: ContextOptions = {}): Promise<BrowserContext> {
      const context = await browser().newContext({
        viewport: options.viewport ?? { width: 1440, height: 900 },
        acceptDownloads: true,
        ...(options.clipboard ? { permissions: ['clipboard-read', 'clipboard-write'] } : {})
      });
      contexts.push(context);
      return context;
    },
    /** A context made elsewhere (openPage in ./browser), closed with the others. */
    track(context: BrowserContext): BrowserContext {
      contexts.push(context);
      return context;
    },
    async closeAll(): Promise<void> {
      for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
    }
  };
}

/** Collects a page's console errors and warnings and its uncaught errors. */
export function watch(context: BrowserContext, page: Page): Opened {
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
    if (message.type() === 'warning') warnings.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return { context, page, errors, warnings };
}

/** A page whose console errors and warnings (its frames' too) are collected. */
export async function openIn(context: BrowserContext, url: string): Promise<Opened> {
  const opened = watch(context, await context.newPage());
  await opened.page.goto(url, { waitUntil: 'load', timeout: 30_000 });
  return opened;
}

export interface DocView {
  nodes: { id: string; kind: string; units: number; activation: string; label: string }[];
  edges: { id: string; from: string; to: string }[];
}

export const docOf = (target: Page | Frame) =>
  target.evaluate(() => {
    const pg = (window as unknown as { __axon: { state: { doc: DocView } } }).__axon;
    return JSON.parse(JSON.stringify(pg.state.doc)) as DocView;
  });

export const paramsOf = (target: Page | Frame) =>
  target.evaluate(() => {
    const s = (window as unknown as { __axon?: { snapshot: { params: Float32Array } | null } }).__axon?.snapshot;
    return s ? Array.from(s.params) : null;
  });

/** The output node's label: the tests write a recognisable word there. */
export const outputLabel = async (target: Page | Frame) => (await docOf(target)).nodes.find((n) => n.kind === 'output')!.label;

/** Renames the output node through the playground, as the inspector does (one undo step). */
export async function setOutputLabel(page: Page, label: string): Promise<void> {
  await page.evaluate((text) => {
    const pg = (window as unknown as { __axon: { state: { doc: DocView }; change: (c: unknown) => boolean } }).__axon;
    const output = pg.state.doc.nodes.find((n) => n.kind === 'output')!;
    pg.change({ type: 'updateNode', id: output.id, patch: { label: text } });
  }, label);
}

/**
 * What the app origin's IndexedDB holds, as JSON text: the current autosave and every named save
 * (read in a page of the app's origin, straight from the database, not through the app).
 */
export function storedText(page: Page): Promise<{ current: string; saves: string[]; names: string[] }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('axon');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('current')) {
            db.close();
            resolve({ current: 'null', saves: [], names: [] });
            return;
          }
          const tx = db.transaction(['current', 'saves', 'saveMeta'], 'readonly');
          const current = tx.objectStore('current').get('current');
          const saves = tx.objectStore('saves').getAll();
          const meta = tx.objectStore('saveMeta').getAll();
          tx.oncomplete = () => {
            db.close();
            resolve({
              current: JSON.stringify(current.result ?? null),
              saves: saves.result.map((s: unknown) => JSON.stringify(s)),
              names: meta.result.map((m: { name: string }) => m.name)
            });
          };
        };
      })
  );
}

/** Replaces the stored autosave with `value`, as a damaged browser profile might hold it. */
export function writeCurrent(page: Page, value: unknown): Promise<void> {
  return page.evaluate(
    (raw) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('axon');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction('current', 'readwrite');
          tx.objectStore('current').put(raw, 'current');
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    value
  );
}
