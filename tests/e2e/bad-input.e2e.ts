/**
 * Bad input through the real page: each ends in a message within seconds, with no uncaught page error,
 * no script run, and the work on screen kept (the node-level fuzz suites cover the hundreds of cases).
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshotPath } from './browser';
import { browserPerFile } from './browser-per-file';
import { figures, waitFor } from './helpers';
import { buildStack } from '../../src/lib/model/build';
import { DEFAULT_DATA, defaultState } from '../../src/lib/model/defaults';
import { exportStateJson } from '../../src/lib/model/file';
import type { PlaygroundState } from '../../src/lib/model/playground';
import { encodeState } from '../../src/lib/model/url';

const appUrl = inject('appUrl');
const pool = browserPerFile();

async function open(path = '/') {
  const opened = await pool.open(`${appUrl}${path}`);
  // The first page of a run compiles the engine cold; on a loaded machine that alone can pass 30 s.
  await waitFor(async () => (await figures(opened.page)).epoch === 0, 90_000, 'the first snapshot');
  return opened;
}

type Axon = { __axon: { state: PlaygroundState; table: { count: number; columns: string[] } | null }; __xss?: unknown };
const stateOf = (page: Page) => page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as Axon).__axon.state)) as PlaygroundState);
const xssRan = (page: Page) => page.evaluate(() => (window as unknown as Axon).__xss !== undefined);

const HOSTILE_EXPRESSION = 'x)+(window.__xss=8)+(y';
function withExpression(expression: string): PlaygroundState {
  const state = defaultState();
  state.data = { ...DEFAULT_DATA, generator: 'function', expression };
  return state;
}
const file = (name: string, text: string) => ({ name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/json', buffer: Buffer.from(text) });

describe('bad input through the page', () => {
  it('a CSV with duplicate headers shows a preview naming the renamed columns and imports; a 1e308 value is refused with the limit', async () => {
    const { page, errors } = await open();
    const rows = Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2},${i % 2 ? 'yes' : 'no'}`).join('\n');
    const started = Date.now();
    await page.getByTestId('csv-file-input').setInputFiles(file('dup.csv', `name,name,name (2),label\n${rows}\n`));
    await expect.poll(() => page.getByTestId('csv-parse-warning').innerText(), { timeout: 5_000 }).toMatch(/column 2 "name" is read as "name \(2\)"; column 3 "name \(2\)" is read as "name \(2\) \(2\)"/);
    await page.getByTestId('csv-import-button').click();
    await waitFor(async () => (await page.evaluate(() => (window as unknown as Axon).__axon.table?.count)) === 40, 5_000, 'the imported table');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await page.evaluate(() => (window as unknown as Axon).__axon.table?.columns)).toEqual(['name', 'name (2)', 'name (2) (2)']);

    await page.getByTestId('csv-file-input').setInputFiles(file('huge.csv', 'a,b,label\n1,2,x\n1e308,4,y\n3,4,x\n'));
    await page.getByTestId('csv-import-button').click();
    await expect.poll(() => page.getByTestId('csv-error').innerText(), { timeout: 5_000 }).toMatch(/Row 2, column "a" is 1e308, beyond the limit of ±1e\+15/);
    await page.getByTestId('csv-import').screenshot({ path: screenshotPath('bad-input-csv') });
    expect(errors).toEqual([]);
  });

  it('a link whose data expression does not parse opens with a notice, the default data and no page error', async () => {
    const link = await encodeState(withExpression(HOSTILE_EXPRESSION));
    const { page, errors } = await open(`/?s=${link}`);
    // The page has one notice: on a loaded machine IndexedDB can time out first and its refusal takes the slot.
    await expect.poll(() => page.getByTestId('notice').innerText(), { timeout: 5_000 }).toMatch(/does not parse|the browser refused storage/);
    expect((await stateOf(page)).data).toEqual(defaultState().data);
    // The gallery and thumbnails render with the data in place: wait a moment for a late error.
    await page.waitForTimeout(1000);
    expect(errors).toEqual([]);
    expect(await xssRan(page)).toBe(false);
  });

  it('a JSON file with a hostile expression is refused with a message; the work on screen is kept', async () => {
    const { page, errors } = await open();
    const before = await stateOf(page);
    for (const expression of [HOSTILE_EXPRESSION, '<img src=x onerror=window.__xss=1>', 'constructor.constructor("window.__xss=1")()']) {
      await page.getByTestId('import-file').setInputFiles(file('hostile.json', exportStateJson(withExpression(expression))));
      await expect.poll(() => page.getByTestId('export-error').innerText(), { timeout: 5_000 }).toMatch(/data\.expression: the function .* does not parse/);
      expect(await stateOf(page)).toEqual(before);
    }
    await page.waitForTimeout(500);
    expect(errors).toEqual([]);
    expect(await xssRan(page)).toBe(false);
  });

  it('a network over the parameter limit shows the limit within seconds instead of loading forever', async () => {
    const { page, errors } = await open();
    const state = defaultState();
    state.doc = buildStack({
      inputs: [{ label: 'x', features: [{ op: 'id', a: 0 }, { op: 'id', a: 1 }] }],
      hidden: Array.from({ length: 50 }, () => ({ units: 1024, activation: 'relu' as const })),
      output: { units: 1, activation: 'sigmoid' }
    });
    const started = Date.now();
    await page.getByTestId('import-file').setInputFiles(file('huge-network.json', exportStateJson(state)));
    await expect
      .poll(() => page.getByTestId('problem-list').innerText(), { timeout: 10_000 })
      .toMatch(/The network has 51,434,497 parameters; the limit is 2,000,000/);
    const elapsed = Date.now() - started;
    expect(await page.getByTestId('play').isDisabled()).toBe(true);
    expect(await page.getByTestId('play').getAttribute('title')).toMatch(/parameters; the limit is 2,000,000/);
    console.log(`over-limit network refused in ${elapsed} ms (a loaded, shared machine)`);
    await page.screenshot({ path: screenshotPath('bad-input-parameter-limit') });
    expect(errors).toEqual([]);
  });
});
