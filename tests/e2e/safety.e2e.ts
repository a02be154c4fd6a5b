/**
 * Issue 14 (saved work) end to end: a hostile page cannot read or change the learner's autosave, links
 * (readable or not) never cost saved work, a damaged autosave never bricks the app, two tabs never
 * silently overwrite each other, and long or trained links are made safely.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshotPath } from './browser';
import { browserPerFile } from './browser-per-file';
import { epoch, figures, waitFor } from './helpers';
import { openIn, outputLabel, paramsOf, setOutputLabel, storedText, watch, writeCurrent } from './pages';
import { defaultState } from '../../src/lib/model/defaults';
import { encodeState, SAFE_LINK_CHARS } from '../../src/lib/model/url';

const appUrl = inject('appUrl');
const pool = browserPerFile();
const hostUrl = inject('hostUrl');

/** The first snapshot; generous, since end-to-end runs share two loaded cores with other work. */
const waitForReady = (page: Page) => waitFor(async () => (await figures(page)).epoch === 0, 90_000, 'the first snapshot');

/** Each test opens several pages; on two shared, loaded cores that can take minutes. */
const HEAVY_TEST_MS = 400_000;

/** The autosave runs ≤ 1 s after a change; a little more for the IndexedDB write. */
const AUTOSAVE_WAIT_MS = 1500;

const noticeText = (page: Page) => page.getByTestId('notice').innerText();

/** The learner's storage is open and autosave is on once the Keep & share panel shows the saves. */
const keeping = (page: Page) => page.getByTestId('saves-panel').waitFor({ timeout: 30_000 });

/** The stored autosave's revision (how many times it has been written). */
const storedRevision = async (page: Page) => Number(/"revision":(\d+)/.exec((await storedText(page)).current)?.[1] ?? 0);

/** Opens the app in `context` and leaves a recognisable label in the learner's autosave. */
async function learnerWith(label: string) {
  const opened = await openIn(await pool.newContext(), `${appUrl}/`);
  await waitForReady(opened.page);
  await keeping(opened.page);
  await setOutputLabel(opened.page, label);
  await waitFor(async () => (await storedText(opened.page)).current.includes(label), 30_000, 'the autosave of the label');
  return opened;
}

describe('a page that frames or opens Axon cannot touch the learner’s work', () => {
  it('a hostile host (other origin) embeds /embed with and without origins and window.opens /: getState and load never reach the autosave', async () => {
    const learner = await learnerWith('LEARNER-SECRET');
    const context = learner.context;
    const overwrite = JSON.parse(JSON.stringify(await learner.page.evaluate(() => (window as unknown as { __axon: { state: unknown } }).__axon.state)));
    overwrite.doc.nodes.find((n: { kind: string }) => n.kind === 'output').label = 'OVERWRITTEN-BY-HOST';
    await learner.page.close();

    // The hostile page: another origin, in the same browser (same profile, same storage for the app's origin).
    const host = await openIn(context, `${hostUrl}/embed-host.html?app=about:blank`);
    const popupPromise = context.waitForEvent('page', { timeout: 30_000 });
    await host.page.evaluate(
      ({ app, hostOrigin }) => {
        const heard: string[] = [];
        (window as unknown as { heard: string[] }).heard = heard;
        addEventListener('message', (event) => heard.push(JSON.stringify(event.data)));
        const targets: Window[] = [];
        for (const src of [`${app}/embed`, `${app}/embed?origins=${encodeURIComponent(hostOrigin)}`]) {
          const frame = document.createElement('iframe');
          frame.src = src;
          frame.width = '400';
          frame.height = '300';
          document.body.append(frame);
          targets.push(frame.contentWindow!);
        }
        targets.push(window.open(`${app}/`, 'axon-opened')!);
        (window as unknown as { targets: Window[] }).targets = targets;
      },
      { app: appUrl, hostOrigin: hostUrl }
    );
    const popup = watch(context, await popupPromise);
    await waitForReady(popup.page);
    const heard = () => host.page.evaluate(() => (window as unknown as { heard: string[] }).heard);
    await waitFor(async () => (await heard()).filter((m) => m.includes('"type":"ready"')).length >= 2, 30_000, 'both embeds ready');
    // The opened app is the learner's own playground (first-party): it shows their work…
    expect(await outputLabel(popup.page)).toBe('LEARNER-SECRET');

    const attack = (message: unknown) =>
      host.page.evaluate((m) => {
        for (const target of (window as unknown as { targets: Window[] }).targets) target.postMessage(m, '*');
      }, message);
    await attack({ axon: 1, type: 'getState' });
    await attack({ axon: 1, type: 'load', state: overwrite });
    await attack({ axon: 1, type: 'getState' });
    await waitFor(async () => (await heard()).filter((m) => m.includes('"type":"state"')).length >= 4, 15_000, 'the embeds’ state answers');
    await host.page.waitForTimeout(AUTOSAVE_WAIT_MS);

    const messages = await heard();
    // The embeds answered, with their own state only: the host's load acted on the embed, never on the learner's work.
    expect(messages.some((m) => m.includes('"type":"state"') && m.includes('OVERWRITTEN-BY-HOST'))).toBe(true);
    expect(messages.join('\n')).not.toContain('LEARNER-SECRET');
    // …and accepts no command from the page that opened it.
    expect(await outputLabel(popup.page)).toBe('LEARNER-SECRET');
    await host.page.screenshot({ path: screenshotPath('hostile-host') });
    await popup.page.close();
    await host.page.close();

    // Reopened as the learner would: their work, untouched, in the autosave and on screen.
    const again = await openIn(context, `${appUrl}/`);
    await waitForReady(again.page);
    expect(await outputLabel(again.page)).toBe('LEARNER-SECRET');
    const stored = await storedText(again.page);
    expect(stored.current).toContain('LEARNER-SECRET');
    expect([stored.current, ...stored.saves].join('\n')).not.toContain('OVERWRITTEN-BY-HOST');
    expect(again.errors).toEqual([]);
  }, HEAVY_TEST_MS);
});

describe('links never cost saved work', () => {
  it('unreadable links leave the learner’s playground; a valid one keeps it as a named save that opens again', async () => {
    const learner = await learnerWith('MY-WORK');
    const context = learner.context;
    await learner.page.close();
    const good = await encodeState(defaultState());
    const cycle = defaultState();
    const dense = cycle.doc.nodes.find((n) => n.kind === 'dense')!;
    const output = cycle.doc.nodes.find((n) => n.kind === 'output')!;
    cycle.doc.edges.push({ id: 'back', from: output.id, to: dense.id });
    const stringUnits = JSON.parse(JSON.stringify(defaultState()));
    stringUnits.doc.nodes.find((n: { kind: string }) => n.kind === 'dense').units = '4';
    const broken = [
      good.slice(0, 40),
      `${good.slice(0, 30)}%${good.slice(30)}`,
      `${good.slice(0, 30)}+${good.slice(30)}`,
      'v',
      await encodeState(cycle),
      await encodeState(stringUnits)
    ];
    for (const link of broken) {
      const opened = await openIn(context, `${appUrl}/#s=${link}`);
      await waitForReady(opened.page);
      await expect.poll(() => noticeText(opened.page), { timeout: 5_000 }).toMatch(/could not be opened; your own playground is shown, unchanged/);
      expect(await outputLabel(opened.page)).toBe('MY-WORK');
      await opened.page.waitForTimeout(AUTOSAVE_WAIT_MS);
      expect((await storedText(opened.page)).current).toContain('MY-WORK');
      expect(opened.errors).toEqual([]);
      await opened.page.close();
    }

    const shared = await encodeState({ ...defaultState(), settings: { ...defaultState().settings, learningRate: 0.3 } });
    const opened = await openIn(context, `${appUrl}/#s=${shared}`);
    await waitForReady(opened.page);
    await expect.poll(() => noticeText(opened.page), { timeout: 5_000 }).toMatch(/Your previous playground is kept as the named save “Before opening a link — .*”/);
    expect(await outputLabel(opened.page)).not.toBe('MY-WORK');
    await opened.page.screenshot({ path: screenshotPath('link-kept-previous') });
    const row = opened.page.getByTestId('save-row').filter({ hasText: 'Before opening a link' });
    await row.getByTestId('open-save').click();
    await waitFor(async () => (await outputLabel(opened.page)) === 'MY-WORK', 20_000, 'the previous work back from its named save');
  }, HEAVY_TEST_MS);
});

describe('a link pasted into an open tab', () => {
  it('(only the fragment changes) opens through the same path, keeping the work on screen as a named save', async () => {
    const learner = await learnerWith('OPEN-TAB-WORK');
    const link = await encodeState(defaultState());
    await learner.page.evaluate((l) => {
      window.location.hash = `s=${l}`;
    }, link);
    await waitFor(async () => /Before opening a link/.test(await noticeText(learner.page).catch(() => '')), 90_000, 'the link, opened after the reload');
    expect(await outputLabel(learner.page)).not.toBe('OPEN-TAB-WORK');
    const stored = await storedText(learner.page);
    expect(stored.names).toEqual([expect.stringMatching(/^Before opening a link — /)]);
    expect(stored.saves[0]).toContain('OPEN-TAB-WORK');
  }, HEAVY_TEST_MS);
});

describe('a damaged autosave never bricks the app', () => {
  it('a record with state: null opens a fresh, trainable playground, says so, and keeps the record as a named save', async () => {
    const learner = await learnerWith('SOON-DAMAGED');
    const context = learner.context;
    await learner.page.close();
    // A page of the app's origin that does not run the app writes the damage.
    const writer = await openIn(context, `${appUrl}/manifest.webmanifest`);
    await writeCurrent(writer.page, { state: null, params: null, savedAt: 5 });
    await writer.page.close();

    const opened = await openIn(context, `${appUrl}/`);
    await waitForReady(opened.page);
    await expect.poll(() => noticeText(opened.page), { timeout: 5_000 }).toMatch(/named save “Damaged autosave — .*”/);
    const from = await epoch(opened.page);
    await opened.page.getByTestId('play').click();
    await waitFor(async () => (await epoch(opened.page)) >= from + 3, 30_000, 'training after the damaged autosave');
    await opened.page.getByTestId('play').click();
    const stored = await storedText(opened.page);
    expect(stored.names).toEqual([expect.stringMatching(/^Damaged autosave — /)]);
    expect(stored.saves[0]).toContain('"state":null');
    expect(opened.errors).toEqual([]);
    await opened.page.screenshot({ path: screenshotPath('damaged-autosave') });
  }, HEAVY_TEST_MS);
});

describe('two tabs, one playground', () => {
  it('the tab that falls behind is asked before it writes: its edits are kept, then the other tab is asked in turn', async () => {
    const context = await pool.newContext();
    const a = await openIn(context, `${appUrl}/`);
    await waitForReady(a.page);
    await keeping(a.page);
    await waitFor(async () => (await storedRevision(a.page)) >= 1, 20_000, 'A’s first save');
    const b = await openIn(context, `${appUrl}/`);
    await waitForReady(b.page);
    await keeping(b.page);
    // Merely opening a second tab disturbs nobody.
    await a.page.waitForTimeout(AUTOSAVE_WAIT_MS);
    expect(await a.page.getByTestId('tab-conflict').count()).toBe(0);
    expect(await b.page.getByTestId('tab-conflict').count()).toBe(0);

    // Tab A trains and saves every few seconds: tab B, opened before those saves, is now behind and is told so…
    const before = await storedRevision(a.page);
    await a.page.getByTestId('play').click();
    await waitFor(async () => (await storedRevision(a.page)) > before, 20_000, 'a training save from A');
    await waitFor(async () => (await b.page.getByTestId('tab-conflict').count()) === 1, 20_000, 'B to notice the newer save');
    // …and its edits are not written over A's save, nor lost.
    await setOutputLabel(b.page, 'EDITED-IN-B');
    await b.page.waitForTimeout(AUTOSAVE_WAIT_MS);
    expect((await storedText(b.page)).current).not.toContain('EDITED-IN-B');
    await b.page.screenshot({ path: screenshotPath('two-tabs-conflict') });
    await b.page.getByTestId('tab-keep-mine').click();
    await waitFor(async () => (await storedText(b.page)).current.includes('EDITED-IN-B'), 20_000, 'B’s work saved');
    expect((await storedText(b.page)).names).toEqual([expect.stringMatching(/^Other tab's version — /)]);

    // A, still training, is now behind: it writes nothing over B's work and asks.
    await waitFor(async () => (await a.page.getByTestId('tab-conflict').count()) === 1, 20_000, 'A to notice B’s save');
    await a.page.waitForTimeout(4000);
    expect((await storedText(a.page)).current).toContain('EDITED-IN-B');
    await a.page.getByTestId('play').click();
    await a.page.getByTestId('tab-load-newer').click();
    await waitFor(async () => (await outputLabel(a.page)) === 'EDITED-IN-B', 20_000, 'A to open B’s version');
    await waitFor(async () => (await a.page.getByTestId('tab-conflict').count()) === 0, 20_000, 'A’s question to close');
    const stored = await storedText(a.page);
    expect(stored.names.sort()).toEqual([expect.stringMatching(/^Other tab's version — /), expect.stringMatching(/^This tab's version — /)]);
    // After a reload, B's edits are the playground; A's trained version is a named save.
    await a.page.reload({ waitUntil: 'load' });
    await waitForReady(a.page);
    expect(await outputLabel(a.page)).toBe('EDITED-IN-B');
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  }, HEAVY_TEST_MS);

  it('“keep this tab’s work” writes it and keeps the other tab’s version as a named save', async () => {
    const context = await pool.newContext();
    const a = await openIn(context, `${appUrl}/`);
    await waitForReady(a.page);
    await keeping(a.page);
    await waitFor(async () => (await storedRevision(a.page)) >= 1, 20_000, 'A’s first save');
    const b = await openIn(context, `${appUrl}/`);
    await waitForReady(b.page);
    await keeping(b.page);
    await setOutputLabel(b.page, 'FROM-B');
    await waitFor(async () => (await a.page.getByTestId('tab-conflict').count()) === 1, 20_000, 'A to notice B’s save');
    await setOutputLabel(a.page, 'FROM-A');
    await a.page.getByTestId('tab-keep-mine').click();
    await waitFor(async () => (await storedText(a.page)).current.includes('FROM-A'), 20_000, 'A’s work saved');
    const stored = await storedText(a.page);
    expect(stored.names).toEqual([expect.stringMatching(/^Other tab's version — /)]);
    expect(stored.saves.join('\n')).toContain('FROM-B');
    // Now B is the tab behind: it is asked in turn.
    await waitFor(async () => (await b.page.getByTestId('tab-conflict').count()) === 1, 20_000, 'B to notice A’s save');
  }, HEAVY_TEST_MS);
});

describe('links that always open', () => {
  it('a trained link reopens the trained weights, and a link over the safe length is offered as a file first', async () => {
    const context = await pool.newContext({ clipboard: true });
    const { page, errors } = await openIn(context, `${appUrl}/`);
    await waitForReady(page);
    await page.getByTestId('copy-link').click();
    const plainNotice = await page.getByTestId('export-notice').innerText();
    const plain = await page.evaluate(() => navigator.clipboard.readText());
    await page.getByTestId('play').click();
    await waitFor(async () => (await epoch(page)) >= 30, 30_000, '30 epochs');
    await page.getByTestId('play').click();
    await page.waitForTimeout(500);
    const trained = await paramsOf(page);
    await page.getByTestId('copy-weights-link').click();
    await expect.poll(() => page.getByTestId('export-notice').innerText(), { timeout: 5_000 }).toMatch(/Link with trained weights copied \(\d+\.\d kB, \d+ weights\)/);
    const withWeights = await page.evaluate(() => navigator.clipboard.readText());
    console.log(`link sizes, default network: plain ${plain.length} characters; with trained weights ${withWeights.length} characters (${plainNotice})`);
    expect(withWeights.length).toBeGreaterThan(plain.length);

    const other = await openIn(await pool.newContext(), withWeights);
    await waitFor(async () => JSON.stringify(await paramsOf(other.page)) === JSON.stringify(trained), 90_000, 'the trained weights from the link');
    expect(other.errors).toEqual([]);

    // A 1,100-row table: the link is long, so a file is offered first; the long link still opens (no HTTP 431).
    await page.evaluate(() => {
      const rows = 1100;
      const x: number[] = [];
      const y: number[] = [];
      for (let i = 0; i < rows; i++) {
        x.push(Math.round(Math.cos(i) * 1e6) / 1e6, Math.round(Math.sin(i * 1.3) * 1e6) / 1e6);
        y.push(i % 2);
      }
      const pg = (window as unknown as { __axon: { setDataSource: (s: unknown) => Promise<boolean> } }).__axon;
      return pg.setDataSource({ kind: 'table', name: 'big', columns: ['a', 'b'], x, y, classes: ['no', 'yes'], targetColumns: [], isTest: y.map(() => 0) });
    });
    await page.getByTestId('copy-link').click();
    const warning = page.getByTestId('long-link');
    await expect.poll(() => warning.innerText(), { timeout: 5_000 }).toMatch(new RegExp(`over the ${SAFE_LINK_CHARS.toLocaleString('en')}.*SAFE_LINK_CHARS.*Export JSON`, 's'));
    await page.getByTestId('export-menu').screenshot({ path: screenshotPath('long-link-warning') });
    await page.getByTestId('long-link-copy').click();
    await expect.poll(() => page.getByTestId('export-notice').innerText(), { timeout: 5_000 }).toMatch(/Long link copied/);
    const long = await page.evaluate(() => navigator.clipboard.readText());
    expect(long.length).toBeGreaterThan(SAFE_LINK_CHARS);
    const far = await openIn(await pool.newContext(), long);
    await waitForReady(far.page);
    expect(await far.page.evaluate(() => (window as unknown as { __axon: { table: { count: number } } }).__axon.table.count)).toBe(1100);
    expect(far.errors).toEqual([]);
    expect(errors).toEqual([]);
  }, HEAVY_TEST_MS);
});

describe('an embed a learner can use', () => {
  it('has the compact bar with the network+output panels, tells the host about an automatic pause, and a load clears its small notice', async () => {
    const embedUrl = `${appUrl}/embed?panels=network,output&origins=${hostUrl}`;
    const host = await openIn(await pool.newContext(), `${hostUrl}/embed-host.html?app=${encodeURIComponent(embedUrl)}`);
    const events = async () =>
      (await host.page.locator('#log').innerText())
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { type: string; reason?: string });
    await waitFor(async () => (await events()).some((e) => e.type === 'ready'), 30_000, 'the ready event');
    const frame = host.page.frames().find((f) => f.url().startsWith(`${appUrl}/embed`))!;
    expect(await frame.getByTestId('compact-bar').count()).toBe(1);
    expect(await frame.getByTestId('play').isEnabled()).toBe(true);

    const send = (command: object) =>
      host.page.evaluate(
        ({ message, origin }) => (document.getElementById('axon') as HTMLIFrameElement).contentWindow!.postMessage({ axon: 1, ...message }, origin),
        { message: command, origin: appUrl }
      );
    // Spiral at learning rate 10: the loss stays above where it started and the page pauses training.
    await send({ type: 'load', preset: 'classic-spiral' });
    await waitFor(() => frame.evaluate(() => (window as unknown as { __axon: { state: { data: { generator?: string } } } }).__axon.state.data.generator === 'spiral'), 20_000, 'the spiral');
    await send({ type: 'setParam', name: 'learningRate', value: 10 });
    await send({ type: 'play' });
    await waitFor(async () => (await events()).some((e) => e.type === 'stopped' || e.type === 'diverged'), 90_000, 'a stop event');
    const stop = (await events()).find((e) => e.type === 'stopped' || e.type === 'diverged')!;
    if (stop.type === 'stopped') expect(stop.reason).toMatch(/unstable/);
    const notice = frame.getByTestId('notice');
    expect(await notice.count()).toBe(1);
    // Small: at most two short lines in the 600×400 frame.
    expect((await notice.boundingBox())!.height).toBeLessThanOrEqual(40);
    await host.page.screenshot({ path: screenshotPath('embed-stopped-notice') });

    await send({ type: 'load', preset: 'classic-xor' });
    await waitFor(async () => (await notice.count()) === 0, 20_000, 'the notice to clear on load');
    // (The example host page has no favicon: the server's 404 for it is not the playground's error.)
    expect(host.errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  }, HEAVY_TEST_MS);
});
