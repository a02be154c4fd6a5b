/**
 * Issue 18, the embedding half, end to end: a course page on another origin pastes the embed.js snippet;
 * the frame sizes itself to its content and grows when a panel opens; a challenge is met and the page hears
 * `goalReached` (and the course's LRS gets the xAPI statement); a bad goal, a failing LRS and a flood of
 * messages each give an `error` event while the playground keeps working.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { screenshotPath } from './browser';
import { browserPerFile } from './browser-per-file';
import { waitFor } from './helpers';
import { openIn, type Opened } from './pages';

const appUrl = inject('appUrl');
const pool = browserPerFile();
const hostUrl = inject('hostUrl');

/** Several frames boot on two shared, loaded cores. */
const TEST_MS = 300_000;

interface HeardEvent {
  type: string;
  message?: string;
  height?: number;
  epoch?: number;
  goal?: string;
  challenge?: string | null;
  results?: Record<string, number>;
}

/**
 * A blank page on the host origin into which the test pastes what a teacher pastes: the script tag from the
 * playground's site and a div with data-axon. Every event the player hears is recorded in window.heard.
 */
async function coursePage(attrs: string[], options: { xapiEndpoint?: string } = {}): Promise<Opened> {
  const opened = await openIn(await pool.newContext({ viewport: { width: 900, height: 900 } }), `${hostUrl}/embed-host.html?app=about:blank`);
  await opened.page.evaluate(
    ({ app, divs, xapiEndpoint }) => {
      document.body.innerHTML = '<h1>Unit 3: fitting a boundary</h1>';
      const heard: Record<number, unknown[]> = {};
      (window as unknown as { heard: typeof heard }).heard = heard;
      divs.forEach((attr, i) => {
        const div = document.createElement('div');
        div.id = `axon-${i}`;
        div.style.width = '640px';
        div.setAttribute('data-axon', attr);
        heard[i] = [];
        for (const type of ['ready', 'epoch', 'error', 'stopped', 'goalReached', 'resize']) {
          div.addEventListener(`axon:${type}`, (event) => heard[i].push((event as CustomEvent).detail));
        }
        document.body.append(div);
      });
      const script = document.createElement('script');
      script.src = `${app}/embed.js`;
      if (xapiEndpoint) {
        // A host that passes its LRS in code, not in the page's markup.
        script.onload = () => {
          const player = (window as unknown as { Axon: { get(e: Element): { setXapi(x: object): void } } }).Axon.get(document.getElementById('axon-0')!)!;
          player.setXapi({ endpoint: xapiEndpoint, auth: 'Basic dGVhY2hlcjpzZWNyZXQ=', actor: { mbox: 'mailto:learner@course.example' } });
        };
      }
      document.head.append(script);
    },
    { app: appUrl, divs: attrs, xapiEndpoint: options.xapiEndpoint }
  );
  return opened;
}

const heard = (page: Page, i = 0) => page.evaluate((n) => (window as unknown as { heard: Record<number, HeardEvent[]> }).heard[n], i);
const heardOf = async (page: Page, type: string, i = 0) => (await heard(page, i)).filter((e) => e.type === type);

async function frameOf(page: Page, i = 0): Promise<Frame> {
  let found: Frame | null = null;
  await waitFor(
    async () => {
      const handle = await page.$(`#axon-${i} iframe`);
      found = handle ? await handle.contentFrame() : null;
      return found !== null && (await found.evaluate(() => Boolean((window as unknown as { __axon?: unknown }).__axon)).catch(() => false));
    },
    60_000,
    `the frame of #axon-${i}`
  );
  return found!;
}

const frameHeight = (page: Page, i = 0) => page.evaluate((n) => document.querySelector<HTMLIFrameElement>(`#axon-${n} iframe`)!.getBoundingClientRect().height, i);

describe('embed.js on a course page of another origin', () => {
  it('sizes the frame to its content, grows it when the settings open, and reports a met challenge (goalReached, xAPI)', async () => {
    const statements: { url: string; body: Record<string, unknown>; auth: string | undefined }[] = [];
    const { page, errors } = await coursePage(['preset=classic-gaussians&goal=test_accuracy>=0.9&lock=data'], { xapiEndpoint: 'https://lrs.course.example/xapi/' });
    // The course's LRS, answering the frame's fetch (CORS preflight included).
    await page.context().route('https://lrs.course.example/**', async (route) => {
      const request = route.request();
      const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'POST' };
      if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
      statements.push({ url: request.url(), body: request.postDataJSON(), auth: (await request.allHeaders()).authorization });
      return route.fulfill({ status: 200, headers: { ...cors, 'content-type': 'application/json' }, body: '["00000000-0000-4000-8000-000000000000"]' });
    });
    const frame = await frameOf(page);
    await waitFor(async () => (await heardOf(page, 'ready')).length === 1, 60_000, 'the ready event');
    expect(await frame.getByTestId('goal-text').innerText()).toBe('Goal: test accuracy ≥ 90 %.');

    // Sized to the content (the 400 px it starts at is gone), and the frame shows all of it: no inner scroll.
    await waitFor(async () => (await heardOf(page, 'resize')).length > 0, 20_000, 'a resize event');
    const before = await frameHeight(page);
    const content = await frame.evaluate(() => document.querySelector('[data-testid="playground"]')!.getBoundingClientRect().height);
    expect(Math.abs(before - content)).toBeLessThanOrEqual(4);
    expect(await frame.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);

    // Opening the full settings bar makes the content taller: the frame follows.
    await frame.getByTestId('compact-settings').click();
    await waitFor(async () => (await frameHeight(page)) > before + 20, 10_000, 'the frame to grow');
    const grown = await frameHeight(page);
    await frame.getByTestId('compact-settings').click();
    await waitFor(async () => (await frameHeight(page)) < grown - 20, 15_000, 'the frame to shrink back').catch(async (error: Error) => {
      const inside = await frame.evaluate(() => document.querySelector('[data-testid="playground"]')!.getBoundingClientRect().height);
      throw new Error(`${error.message} (frame ${await frameHeight(page)} px, content ${inside} px, grown ${grown} px, before ${before} px)`);
    });

    // The learner trains: the goal is met, the page says so, the host hears goalReached, the LRS gets the statement.
    await frame.getByTestId('play').click();
    await waitFor(async () => (await heardOf(page, 'goalReached')).length === 1, 120_000, 'goalReached');
    const [reached] = await heardOf(page, 'goalReached');
    expect(reached.goal).toBe('test_accuracy>=0.9');
    expect(reached.challenge).toBeNull();
    expect(reached.results!.test_accuracy).toBeGreaterThanOrEqual(0.9);
    expect(reached.epoch).toBeGreaterThanOrEqual(1);
    await frame.getByTestId('goal-reached').waitFor({ timeout: 10_000 });
    expect(await frame.getByTestId('goal-panel').getAttribute('data-reached')).toBe('true');
    await waitFor(async () => statements.length === 1, 20_000, 'the xAPI statement');
    expect(statements[0].url).toBe('https://lrs.course.example/xapi/statements');
    expect(statements[0].auth).toBe('Basic dGVhY2hlcjpzZWNyZXQ=');
    expect(statements[0].body).toMatchObject({
      actor: { mbox: 'mailto:learner@course.example' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      result: { completion: true, success: true }
    });
    await frame.getByTestId('goal-report').filter({ hasText: 'sent to the course' }).waitFor({ timeout: 10_000 });
    // The player's getState answers this page (the one that asked) with the embed's playground.
    const state = await page.evaluate(() =>
      (window as unknown as { Axon: { get(s: string): { getState(): Promise<{ data: { generator: string } }> } } }).Axon.get('#axon-0').getState()
    );
    expect(state.data.generator).toBe('gaussians');
    await page.waitForTimeout(700); // let the success badge finish its pop for the picture
    const shot = screenshotPath('course-challenge-met');
    await page.screenshot({ path: shot });
    // (The blank host page has no favicon: the host server's 404 for /favicon.ico is not the playground's.)
    expect(errors.filter((e) => !/status of 404 \(Not Found\)/.test(e))).toEqual([]);
  }, TEST_MS);

  it('an unknown preset and a bad goal tell the learner and the host; a failing LRS and a flood of messages are error events; the playground keeps working', async () => {
    const { page } = await coursePage(['preset=no-such-preset&goal=accuracy>>2', 'preset=classic-gaussians&goal=test_accuracy>=0.6&autoplay=1']);
    // The second embed's LRS fails.
    await page.context().route('https://lrs.broken.example/**', (route) =>
      route.fulfill({ status: 503, headers: { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' } })
    );
    const bad = await frameOf(page, 0);
    await waitFor(async () => (await heardOf(page, 'error', 0)).length >= 2, 60_000, 'the bad preset’s and bad goal’s error events');
    const [presetError, error] = await heardOf(page, 'error', 0);
    expect(presetError.message).toMatch(/^No preset called "no-such-preset"\. The preset could not be opened; this is the default playground\.$/);
    expect(error.message).toMatch(/^The goal cannot be read: "accuracy>>2": unknown measure "accuracy" .*Did you mean test_accuracy\?$/);
    expect(await bad.getByTestId('goal-error').innerText()).toMatch(/unknown measure "accuracy"/);

    // The playground still trains: the host's play gives epochs.
    await page.evaluate(() => (window as unknown as { Axon: { get(s: string): { play(): void } } }).Axon.get('#axon-0').play());
    await waitFor(async () => (await heardOf(page, 'epoch', 0)).length >= 2, 60_000, 'epochs after the bad goal');

    // A host loop gone wrong: 1,000 messages within a second. A burst passes, the rest are dropped with an error event.
    await page.evaluate(async () => {
      const player = (window as unknown as { Axon: { get(s: string): { setParam(n: string, v: number): void } } }).Axon.get('#axon-0');
      for (let i = 0; i < 1000; i++) {
        player.setParam('learningRate', 0.03);
        if (i % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 90));
      }
    });
    await waitFor(async () => (await heardOf(page, 'error', 0)).some((e) => /^Too many messages/.test(e.message ?? '')), 20_000, 'the flood’s error event');
    // Once the host calms down, its commands work again.
    await page.waitForTimeout(2500);
    await page.evaluate(() => (window as unknown as { Axon: { get(s: string): { pause(): void } } }).Axon.get('#axon-0').pause());
    await waitFor(() => bad.evaluate(() => !(window as unknown as { __axon: { running: boolean } }).__axon.running), 20_000, 'the pause after the flood');

    // The second embed reaches its goal, but its LRS fails: a message in the panel and an error event, training goes on.
    await page.evaluate(() =>
      (window as unknown as { Axon: { get(s: string): { setXapi(x: object): void } } }).Axon.get('#axon-1').setXapi({ endpoint: 'https://lrs.broken.example/xapi' })
    );
    const second = await frameOf(page, 1);
    await waitFor(async () => (await heardOf(page, 'goalReached', 1)).length === 1, 120_000, 'the second goal');
    await waitFor(async () => (await heardOf(page, 'error', 1)).some((e) => /^xAPI: the result could not be sent: .*HTTP 503/.test(e.message ?? '')), 30_000, 'the LRS error event');
    expect(await second.getByTestId('goal-report').innerText()).toMatch(/could not be sent to the course: .*503.*keeps working/);
    const epochs = (await heardOf(page, 'epoch', 1)).length;
    await waitFor(async () => (await heardOf(page, 'epoch', 1)).length > epochs, 20_000, 'training to go on');
  }, TEST_MS);

  it('the full app lists the ready challenges, and one opened from the menu shows its goal with the data locked', async () => {
    const { page, errors } = await openIn(await pool.newContext({ viewport: { width: 1440, height: 900 } }), `${appUrl}/`);
    const menu = page.getByTestId('challenge-menu');
    expect(await page.locator('aside[aria-label="Data"] button:disabled').count()).toBe(0);
    await menu.locator('summary').click();
    expect(await menu.locator('li').count()).toBe(3);
    expect(await page.getByTestId('challenge-mnist-95').innerText()).toMatch(/Reach 95 % on MNIST with 10,000 parameters[\s\S]*Goal: parameters ≤ 10,000 and test accuracy ≥ 95 %, within 10 epochs/);
    await page.getByTestId('challenge-spiral-30').getByRole('button', { name: 'Try it' }).click();
    await page.getByTestId('goal-text').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('goal-text').innerText()).toBe('Goal: parameters ≤ 30 and test accuracy ≥ 90 %.');
    await waitFor(
      () => page.evaluate(() => (window as unknown as { __axon: { state: { data: { generator?: string } } } }).__axon.state.data.generator === 'spiral'),
      30_000,
      'the spiral'
    );
    // The challenge locks the data: the data set gallery no longer takes clicks.
    expect(await page.locator('aside[aria-label="Data"] button:disabled').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('course-challenge-full-app') });
    expect(errors).toEqual([]);
  }, TEST_MS);
});
