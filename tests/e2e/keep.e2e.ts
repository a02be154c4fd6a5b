/**
 * Issue 8 end to end: keep (autosave + undo across reload), share (links, embed code), files (JSON round
 * trip, refused files), embed (cross-origin iframe driven by postMessage, third origin ignored, panels, locks,
 * autoplay, 600×400 fit) and offline (service worker, manifest).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { screenshotPath } from './browser';
import { browserPerFile } from './browser-per-file';
import { differenceRatio, epoch, figures, waitFor, waitForReady } from './helpers';
import { docOf, openIn, paramsOf, type ContextOptions, type DocView, type Opened } from './pages';

const appUrl = inject('appUrl');
const pool = browserPerFile();
const hostUrl = inject('hostUrl');
/** The host page's port under another host name: a third origin, not in any allow-list below. */
const thirdUrl = hostUrl.replace('//localhost:', '//127.0.0.1:');

const newContext = pool.newContext;

async function open(path = '/', options: ContextOptions = {}): Promise<Opened> {
  return openIn(await newContext(options), `${appUrl}${path}`);
}

const unitsOf = (doc: DocView) => doc.nodes.filter((n) => n.kind === 'dense').map((n) => n.units);

/** Adds one neuron to the first hidden group (one undo step); returns the new parameter count. */
async function addNeuron(page: Page): Promise<number> {
  const before = (await paramsOf(page))!.length;
  await page.evaluate(() => {
    const pg = (window as unknown as { __axon: { state: { doc: DocView }; change: (c: unknown) => boolean } }).__axon;
    const dense = pg.state.doc.nodes.find((n) => n.kind === 'dense')!;
    pg.change({ type: 'updateNode', id: dense.id, patch: { units: dense.units + 1 } });
  });
  await waitFor(async () => ((await paramsOf(page))?.length ?? 0) > before, 10_000, 'the bigger network in the worker');
  return (await paramsOf(page))!.length;
}

async function train(page: Page, epochs: number): Promise<void> {
  const from = await epoch(page);
  await page.getByTestId('play').click();
  await waitFor(async () => (await epoch(page)) >= from + epochs, 30_000, `${epochs} epochs`);
  await page.getByTestId('play').click();
  await waitFor(async () => !(await figures(page)).running, 5_000, 'pause');
}

/** The default pace in epochs per second (about one a frame). */
const TEACHING_PACE = 60;

/** Seconds the autosave may take: ≤ 1 s after a change; a little more for the IndexedDB write. */
const AUTOSAVE_WAIT_MS = 1500;

/** The plotted curve as the page holds it: how many epochs, the first and the last epoch number. */
async function curveOf(page: Page): Promise<{ length: number; first: number; last: number }> {
  return page.evaluate(() => {
    const curve = (window as unknown as { __axon: { curve: { epoch: number }[] } }).__axon.curve;
    return { length: curve.length, first: curve[0]?.epoch ?? -1, last: curve.at(-1)?.epoch ?? -1 };
  });
}

describe('keep: reload', () => {
  it('reload keeps the epoch counter and the loss curve, which then go on from there', async () => {
    const { page, errors } = await open();
    await waitForReady(page);
    await train(page, 30);
    const trainedEpoch = await epoch(page);
    expect(await curveOf(page)).toEqual({ length: trainedEpoch, first: 1, last: trainedEpoch });
    // The pause's snapshot is saved within the autosave delay; on a loaded machine the write may land later,
    // and the reload then finds the save made while training: at most one save interval (3 s) of epochs behind.
    await page.waitForTimeout(2 * AUTOSAVE_WAIT_MS);

    await page.reload({ waitUntil: 'load' });
    await waitFor(async () => (await figures(page)).epoch > 0, 30_000, 'the restored epoch counter');
    const restored = (await figures(page)).epoch;
    expect(restored).toBeLessThanOrEqual(trainedEpoch);
    expect(restored).toBeGreaterThanOrEqual(trainedEpoch - TEACHING_PACE * 3);
    await waitFor(async () => (await epoch(page)) === restored, 5_000, 'the epoch counter on screen');
    expect(await curveOf(page)).toEqual({ length: restored, first: 1, last: restored });

    // Training goes on from the restored epoch, and the curve grows from where it was (no new run).
    await train(page, 5);
    const after = await curveOf(page);
    expect(after.first).toBe(1);
    expect(after.last).toBe(await epoch(page));
    expect(after.length).toBe(after.last);
    expect(after.last).toBeGreaterThanOrEqual(restored + 5);
    expect(errors).toEqual([]);
  });

  it('reload keeps the network, its trained weights and the undo history', async () => {
    const { page, errors } = await open();
    await waitForReady(page);
    const original = await docOf(page);
    const paramCount = await addNeuron(page);
    await train(page, 20);
    await page.waitForTimeout(AUTOSAVE_WAIT_MS);
    const changed = await docOf(page);
    const trained = await paramsOf(page);
    expect(unitsOf(changed)[0]).toBe(unitsOf(original)[0] + 1);
    expect(trained).toHaveLength(paramCount);

    await page.reload({ waitUntil: 'load' });
    await waitFor(async () => ((await paramsOf(page))?.length ?? 0) === paramCount, 30_000, 'the restored network');
    // The restore sets the saved weights after the first snapshot of the rebuilt network: wait for them.
    await waitFor(async () => JSON.stringify(await paramsOf(page)) === JSON.stringify(trained), 10_000, 'the trained weights');
    expect(await docOf(page)).toEqual(changed);
    expect(await paramsOf(page)).toEqual(trained);

    // Undo through the editor's shortcut, as a person would: the neuron goes away again.
    await page.getByTestId('network-canvas').focus();
    await page.keyboard.press('Control+z');
    await waitFor(async () => unitsOf(await docOf(page))[0] === unitsOf(original)[0], 5_000, 'undo after reload');
    expect((await docOf(page)).nodes.map((n) => n.units)).toEqual(original.nodes.map((n) => n.units));
    expect(errors).toEqual([]);
  });
});

describe('share: links and embed code', () => {
  it('a copied link opened in a new browser context restores the same network and initial boundary', async () => {
    const { page, errors } = await open('/', { clipboard: true });
    await waitForReady(page);
    await addNeuron(page);
    // Back to the seed's initial weights for the bigger network: what a link promises to reproduce.
    await page.getByTestId('reset').click();
    await waitFor(async () => (await epoch(page)) === 0, 5_000, 'epoch 0');
    await page.waitForTimeout(300);
    const doc = await docOf(page);
    const params = await paramsOf(page);
    const before = await page.getByTestId('output-canvas').screenshot({ path: screenshotPath('link-source') });

    await page.getByTestId('copy-link').click();
    await expect.poll(() => page.getByTestId('export-notice').innerText(), { timeout: 5_000 }).toMatch(/Link copied/);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    // The playground rides in the fragment, which no server ever sees (so none can refuse a long one).
    expect(copied).toMatch(new RegExp(`^${appUrl.replace(/[.]/g, '\\.')}/#s=v1\\.`));
    // The address bar is left alone: a reload must bring back the autosave, not the link (see below).
    expect(page.url()).toBe(`${appUrl}/`);

    const other = await open(copied.slice(appUrl.length));
    await waitForReady(other.page);
    await other.page.waitForTimeout(300);
    expect(await docOf(other.page)).toEqual(doc);
    expect(await paramsOf(other.page)).toEqual(params);
    const after = await other.page.getByTestId('output-canvas').screenshot({ path: screenshotPath('link-opened') });
    expect(differenceRatio(before, after)).toBeLessThan(0.01);
    expect(errors).toEqual([]);
    expect(other.errors).toEqual([]);
  });

  it('work done after opening or copying a link survives a reload (the link does not win over the autosave)', async () => {
    const { page } = await open('/', { clipboard: true });
    await waitForReady(page);
    await addNeuron(page);
    await page.getByTestId('copy-link').click();
    await expect.poll(() => page.getByTestId('export-notice').innerText(), { timeout: 5_000 }).toMatch(/Link copied/);
    const link = await page.evaluate(() => navigator.clipboard.readText());

    // Open the link, as the receiver does: the address bar drops the state once it is open…
    const other = await open(link.slice(appUrl.length));
    await waitForReady(other.page);
    await waitFor(async () => !other.page.url().includes('s='), 5_000, 'the link parameter to leave the address bar');
    const linked = unitsOf(await docOf(other.page));
    // …so that more work on it, autosaved, is what a reload shows.
    const paramCount = await addNeuron(other.page);
    await other.page.waitForTimeout(AUTOSAVE_WAIT_MS);
    await other.page.reload({ waitUntil: 'load' });
    await waitFor(async () => ((await paramsOf(other.page))?.length ?? 0) === paramCount, 30_000, 'the autosaved network');
    expect(unitsOf(await docOf(other.page))[0]).toBe(linked[0] + 1);
  });

  it('the copy-embed-code button writes an <iframe> whose src opens the same network', async () => {
    const { page } = await open('/', { clipboard: true });
    await waitForReady(page);
    await addNeuron(page);
    const doc = await docOf(page);
    await page.getByTestId('copy-embed').click();
    await expect.poll(() => page.getByTestId('export-notice').innerText(), { timeout: 5_000 }).toMatch(/Embed code copied/);
    const snippet = await page.evaluate(() => navigator.clipboard.readText());
    expect(snippet).toMatch(/^<iframe src="[^"]+" width="600" height="400" /);
    const src = snippet.match(/src="([^"]+)"/)![1].replace(/&amp;/g, '&');
    const url = new URL(src);
    expect(url.origin).toBe(appUrl);
    expect(url.pathname).toBe('/embed');
    expect(new URLSearchParams(url.hash.slice(1)).get('s')).toBeTruthy();

    // Paste it into a page of another origin, as a teacher would, and look inside the frame.
    const host = await openIn(await newContext(), `${hostUrl}/embed-host.html?app=${encodeURIComponent('about:blank')}`);
    await host.page.evaluate((html) => {
      document.body.innerHTML = html;
    }, snippet);
    const frame = await waitForFrame(host.page, '/embed');
    await waitFor(async () => (await frameFigures(frame)).epoch === 0, 30_000, 'the embedded playground');
    expect(await docOf(frame)).toEqual(doc);
    expect(await frame.getByTestId('network-canvas').count()).toBe(1);
    await host.page.screenshot({ path: screenshotPath('embed-snippet') });
  });
});

describe('files: JSON export and import', () => {
  it('export → import round-trips the network and the trained weights', async () => {
    const { page, errors } = await open();
    await waitForReady(page);
    await addNeuron(page);
    await train(page, 10);
    const doc = await docOf(page);
    const params = await paramsOf(page);
    const trainedEpoch = await epoch(page);

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.getByTestId('export-json').click()]);
    expect(download.suggestedFilename()).toBe('axon-playground.json');
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    expect(JSON.parse(text).format).toBe('axon');

    // Change the work, then import the file: the exported network and weights come back.
    await addNeuron(page);
    expect(unitsOf(await docOf(page))[0]).toBe(unitsOf(doc)[0] + 1);
    await page.getByTestId('import-file').setInputFiles(path);
    await waitFor(async () => JSON.stringify(await paramsOf(page)) === JSON.stringify(params), 10_000, 'the imported weights');
    expect(await docOf(page)).toEqual(doc);
    // The file also brings back how far those weights trained: the epoch counter and the curve.
    await waitFor(async () => (await figures(page)).epoch === trainedEpoch, 10_000, `epoch ${trainedEpoch} from the file`);
    expect(await curveOf(page)).toEqual({ length: trainedEpoch, first: 1, last: trainedEpoch });
    expect(await page.getByTestId('export-error').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a malformed file shows a message naming the problem and leaves the network untouched', async () => {
    const { page } = await open();
    await waitForReady(page);
    await addNeuron(page);
    const doc = await docOf(page);
    const params = await paramsOf(page);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.getByTestId('export-json').click()]);
    const good = JSON.parse(readFileSync(await download.path(), 'utf8'));

    // A file that is JSON, and an Axon file, but with a misspelt activation.
    const bad = structuredClone(good);
    const index = bad.state.doc.nodes.findIndex((n: { kind: string }) => n.kind === 'dense');
    bad.state.doc.nodes[index].activation = 'relux';
    await page.getByTestId('import-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await expect.poll(() => page.getByTestId('export-error').innerText(), { timeout: 5_000 }).toMatch(new RegExp(`nodes\\[${index}\\]\\.activation.*relux`));
    expect(await docOf(page)).toEqual(doc);
    expect(await paramsOf(page)).toEqual(params);

    // Not JSON at all.
    await page.getByTestId('import-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "axon", ') });
    await expect.poll(() => page.getByTestId('export-error').innerText(), { timeout: 5_000 }).toMatch(/not valid JSON/);
    expect(await docOf(page)).toEqual(doc);
    expect(await paramsOf(page)).toEqual(params);
    await page.getByTestId('export-menu').screenshot({ path: screenshotPath('import-refused') });
  });
});

// ---- embed -----------------------------------------------------------------------------------

async function waitForFrame(page: Page, path: string): Promise<Frame> {
  let found: Frame | undefined;
  await waitFor(
    async () => {
      found = page.frames().find((f) => f !== page.mainFrame() && new URL(f.url(), 'http://x').pathname === path);
      if (!found) return false;
      return found.evaluate(() => Boolean((window as unknown as { __axon?: unknown }).__axon)).catch(() => false);
    },
    30_000,
    `the frame at ${path}`
  );
  return found!;
}

const frameFigures = (frame: Frame) =>
  frame.evaluate(() => {
    const s = (window as unknown as { __axon: { snapshot: { epoch: number; running: boolean } | null } }).__axon.snapshot;
    return s ? { epoch: s.epoch, running: s.running } : { epoch: -1, running: false };
  });

const logLines = async (page: Page) =>
  (await page.locator('#log').innerText())
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { type: string; epoch?: number; loss?: number });

function hostPage(origin: string, app: string) {
  return `${origin}/embed-host.html?app=${encodeURIComponent(app)}`;
}

describe('embed: the course page', () => {
  it('the example host page on another origin drives the playground; a third origin is ignored', async () => {
    const embedUrl = `${appUrl}/embed?panels=network,output&origins=${hostUrl}`;
    const host = await openIn(await newContext(), hostPage(hostUrl, embedUrl));
    const frame = await waitForFrame(host.page, '/embed');
    await waitFor(async () => (await logLines(host.page)).some((e) => e.type === 'ready'), 30_000, 'the ready event');

    await host.page.locator('#play').click();
    await waitFor(async () => (await logLines(host.page)).filter((e) => e.type === 'epoch').length >= 3, 30_000, 'epoch events');
    const epochEvent = (await logLines(host.page)).find((e) => e.type === 'epoch')!;
    expect(Number.isFinite(epochEvent.loss)).toBe(true);
    await host.page.locator('#pause').click();
    await waitFor(async () => !(await frameFigures(frame)).running, 5_000, 'the embed to pause');
    await host.page.waitForTimeout(300);
    const paused = (await frameFigures(frame)).epoch;
    const events = (await logLines(host.page)).length;
    await host.page.waitForTimeout(700);
    expect((await frameFigures(frame)).epoch).toBe(paused);
    expect((await logLines(host.page)).length).toBe(events);

    // Load preset (the host page's default, classic-xor): the frame switches to the XOR data.
    await host.page.locator('#load').click();
    await waitFor(
      () => frame.evaluate(() => (window as unknown as { __axon: { state: { data: { generator?: string } } } }).__axon.state.data.generator === 'xor'),
      10_000,
      'the XOR preset in the frame'
    );

    // Only the panels asked for: the network and the output, no data, no curves, no full top bar — but
    // the compact bar (play, epoch, loss) is in every embed, so a learner can use it.
    expect(await frame.getByTestId('network-canvas').count()).toBe(1);
    expect(await frame.getByTestId('output-canvas').count()).toBe(1);
    expect(await frame.locator('aside[aria-label="Data"]').count()).toBe(0);
    expect(await frame.locator('.uplot').count()).toBe(0);
    expect(await frame.getByTestId('play').isEnabled()).toBe(true);
    expect(await frame.getByTestId('learning-rate').count()).toBe(0);
    await host.page.screenshot({ path: screenshotPath('embed-host') });
    expect(host.errors).toEqual([]);

    // The same embed restricted to the hostUrl origin, inside a page of a third origin: its Play is refused.
    const third = await openIn(await newContext(), hostPage(thirdUrl, embedUrl));
    const thirdFrame = await waitForFrame(third.page, '/embed');
    await waitFor(async () => (await frameFigures(thirdFrame)).epoch === 0, 30_000, 'the third-origin embed');
    await third.page.locator('#play').click();
    await third.page.locator('#load').click();
    await waitFor(async () => third.warnings.some((w) => /origin not in the allow-list/.test(w)), 5_000, 'the console warning');
    await third.page.waitForTimeout(1000);
    expect(await frameFigures(thirdFrame)).toEqual({ epoch: 0, running: false });
    expect(third.warnings.filter((w) => w.includes(`Axon ignored a message from ${thirdUrl}`)).length).toBeGreaterThanOrEqual(2);
    // Events go only to allowed origins: the third-origin page hears nothing.
    expect(await logLines(third.page)).toEqual([]);
  });

  it('malformed messages from an allowed host are ignored with a warning and never throw', async () => {
    const embedUrl = `${appUrl}/embed?panels=network,output&origins=${hostUrl}`;
    const host = await openIn(await newContext(), hostPage(hostUrl, embedUrl));
    const frame = await waitForFrame(host.page, '/embed');
    await waitFor(async () => (await logLines(host.page)).some((e) => e.type === 'ready'), 30_000, 'the ready event');
    await host.page.evaluate((origin) => {
      const target = (document.getElementById('axon') as HTMLIFrameElement).contentWindow!;
      target.postMessage({ axon: 1, type: 'explode' }, origin);
      target.postMessage({ axon: 1, type: 'step', steps: -3 }, origin);
      target.postMessage({ axon: 1, type: 'setParam', name: 'learningRate', value: 'fast' }, origin);
      target.postMessage('play', origin);
    }, appUrl);
    await waitFor(async () => host.warnings.filter((w) => w.startsWith('Axon ignored')).length >= 3, 5_000, 'three warnings');
    await host.page.waitForTimeout(500);
    expect(await frameFigures(frame)).toEqual({ epoch: 0, running: false });
    const rate = await frame.evaluate(
      () => (window as unknown as { __axon: { state: { settings: { learningRate: number } } } }).__axon.state.settings.learningRate
    );
    expect(rate).toBe(0.03);
    expect(host.errors).toEqual([]);
  });

  it('lock=all disables play and the editor; autoplay=1 trains; the page fits a 600×400 iframe', async () => {
    const locked = await open('/embed?lock=all', { viewport: { width: 600, height: 400 } });
    await waitForReady(locked.page);
    expect(await locked.page.getByTestId('play').isDisabled()).toBe(true);
    expect(await locked.page.getByTestId('step').isDisabled()).toBe(true);
    // The compact bar offers no way into the settings when they are locked.
    expect(await locked.page.getByTestId('compact-settings').count()).toBe(0);
    expect(await locked.page.getByTestId('learning-rate').count()).toBe(0);
    // A locked editor shows no palette and ignores undo and delete.
    const before = await docOf(locked.page);
    await locked.page.getByTestId('network-canvas').focus();
    await locked.page.keyboard.press('Control+a');
    await locked.page.keyboard.press('Delete');
    await locked.page.waitForTimeout(300);
    expect(await docOf(locked.page)).toEqual(before);
    expect(await locked.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(600);
    await locked.page.screenshot({ path: screenshotPath('embed-locked-600x400') });

    // Unlocked, the compact bar opens the full settings bar on request.
    const open600 = await open('/embed', { viewport: { width: 600, height: 400 } });
    await waitForReady(open600.page);
    expect(await open600.page.getByTestId('learning-rate').count()).toBe(0);
    await open600.page.getByTestId('compact-settings').click();
    expect(await open600.page.getByTestId('learning-rate').isEnabled()).toBe(true);
    expect(await open600.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(600);
    await open600.page.screenshot({ path: screenshotPath('embed-settings-600x400') });

    const auto = await open('/embed?panels=network,output&autoplay=1', { viewport: { width: 600, height: 400 } });
    await waitFor(async () => (await figures(auto.page)).epoch >= 5, 30_000, 'autoplay epochs');
    expect(await auto.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(600);
    // Both panels are in view side by side, inside the frame's 400 px: nothing to scroll to.
    for (const testid of ['network-canvas', 'output-canvas']) {
      const box = (await auto.page.getByTestId(testid).boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(400);
      expect(box.x + box.width).toBeLessThanOrEqual(600);
    }
    await auto.page.screenshot({ path: screenshotPath('embed-autoplay-600x400') });
    // The compact embed draws the network readably (not at the ~39 % a whole fit needs) and has no palette.
    await waitFor(() => auto.page.evaluate(() => Boolean((window as unknown as { __axonEditor?: object }).__axonEditor)), 10_000, 'the editor hook');
    const zoom = await auto.page.evaluate(() => (window as unknown as { __axonEditor: { camera(): { zoom: number } } }).__axonEditor.camera().zoom);
    expect(zoom).toBeGreaterThanOrEqual(0.7);
    expect(await auto.page.getByRole('toolbar', { name: /Palette/ }).count()).toBe(0);
    expect(auto.errors).toEqual([]);
  });
});

// ---- offline ---------------------------------------------------------------------------------

describe('offline', () => {
  it('serves an installable manifest that lists the icons, linked from the page', async () => {
    const { page } = await open();
    const href = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="manifest"]')?.href ?? null);
    expect(href).toBe(`${appUrl}/manifest.webmanifest`);
    const manifest = (await (await fetch(href!)).json()) as { name: string; start_url: string; display: string; icons: { src: string; sizes: string }[] };
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) {
      const response = await fetch(new URL(icon.src, href!));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
    }
  });

  it('after one visit the app loads and trains with the network off', async () => {
    const { context, page, errors } = await open();
    await waitForReady(page);
    await waitFor(() => page.evaluate(() => (window as unknown as { __axonOfflineReady?: boolean }).__axonOfflineReady === true), 30_000, 'offline ready');
    await context.setOffline(true);
    await page.reload({ waitUntil: 'load' });
    await waitFor(async () => (await figures(page)).epoch >= 0, 30_000, 'the app offline');
    const from = await epoch(page);
    await page.getByTestId('play').click();
    await waitFor(async () => (await epoch(page)) >= from + 5, 30_000, 'training offline');
    // Other routes of the app open offline too (the embed variant), from the precache.
    const embed = await context.newPage();
    await embed.goto(`${appUrl}/embed?panels=network,output`, { waitUntil: 'load', timeout: 30_000 });
    await waitForReady(embed);
    await page.screenshot({ path: screenshotPath('offline-training') });
    expect(errors).toEqual([]);
  });

  it('caches the MNIST binary at run time (not in the precache) so digits open offline once fetched', async () => {
    const { context, page } = await open();
    await waitForReady(page);
    await waitFor(() => page.evaluate(() => (window as unknown as { __axonOfflineReady?: boolean }).__axonOfflineReady === true), 30_000, 'offline ready');
    // The first page is not controlled until a reload; after it, fetches go through the service worker.
    await page.reload({ waitUntil: 'load' });
    await waitFor(() => page.evaluate(() => navigator.serviceWorker.controller !== null), 10_000, 'the controlling service worker');
    const precached = await page.evaluate(async () => {
      const names = await caches.keys();
      const urls: string[] = [];
      for (const name of names) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      return urls;
    });
    expect(precached.some((u) => u.endsWith('.bin'))).toBe(false);
    expect(precached.some((u) => /\/workers\/trainer\.worker-.*\.js$/.test(u))).toBe(true);
    expect(precached.some((u) => u.endsWith('.css'))).toBe(true);

    await waitForReady(page);
    await page.evaluate(() =>
      (window as unknown as { __axon: { setDataSource: (s: unknown) => Promise<boolean> } }).__axon.setDataSource({ kind: 'mnist', trainCount: 500, testCount: 100 })
    );
    // The service worker's own run-time cache (CacheFirst), not only the copy the data loader keeps.
    await waitFor(
      () => page.evaluate(async () => (await (await caches.open('axon-datasets')).match('/data/mnist-10k.bin')) !== undefined),
      30_000,
      'the runtime-cached binary'
    );
    await context.setOffline(true);
    const offlineOk = await page.evaluate(async () => (await fetch('/data/mnist-10k.bin')).ok);
    expect(offlineOk).toBe(true);
  });
});
