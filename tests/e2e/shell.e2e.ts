import { describe, expect, inject, it } from 'vitest';
import { screenshotPath } from './browser';
import { browserPerFile } from './browser-per-file';
import { differenceRatio, epoch, figures, setNumberField, waitFor, waitForReady } from './helpers';

const appUrl = inject('appUrl');
const pool = browserPerFile();

async function open(path = '/') {
  const opened = await pool.open(`${appUrl}${path}`);
  return opened;
}

describe('the playground page', () => {
  it('loads with no console errors, trains when played, and the boundary and loss change', async () => {
    const { page, errors } = await open();
    await waitForReady(page);
    const output = page.getByTestId('output-canvas');
    const before = await output.screenshot({ path: screenshotPath('circle-before') });
    const initial = await figures(page);

    await page.getByTestId('play').click();
    await waitFor(async () => (await epoch(page)) >= 30, 30_000, '30 epochs');
    await page.getByTestId('play').click();
    await waitFor(async () => !(await figures(page)).running, 5_000, 'pause');
    const after = await output.screenshot({ path: screenshotPath('circle-after') });
    const trained = await figures(page);

    expect(trained.trainLoss).toBeLessThan(initial.trainLoss * 0.8);
    expect(differenceRatio(before, after)).toBeGreaterThan(0.05);
    await page.screenshot({ path: screenshotPath('page-trained-circle'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('pause stops the epoch counter, and reset restores the first boundary', async () => {
    const { page } = await open();
    await waitForReady(page);
    const output = page.getByTestId('output-canvas');
    await page.waitForTimeout(300);
    const first = await output.screenshot();

    await page.getByTestId('play').click();
    await waitFor(async () => (await epoch(page)) >= 5, 30_000, '5 epochs');
    await page.getByTestId('play').click();
    await waitFor(async () => !(await figures(page)).running, 5_000, 'pause');
    const paused = await epoch(page);
    await page.waitForTimeout(700);
    expect(await epoch(page)).toBe(paused);

    await page.getByTestId('reset').click();
    await waitFor(async () => (await epoch(page)) === 0, 5_000, 'epoch 0 after reset');
    await page.waitForTimeout(300);
    const again = await output.screenshot();
    expect(differenceRatio(first, again)).toBeLessThan(0.01);
  });

  it('diverges visibly with learning rate 10 on the spiral, keeping finite weights', async () => {
    const { page, errors } = await open();
    await waitForReady(page);
    await page.evaluate(() =>
      (window as unknown as { __axon: { setDataSource: (s: unknown) => Promise<boolean> } }).__axon.setDataSource({
        kind: 'generated',
        generator: 'spiral',
        count: 500,
        noise: 0,
        testFraction: 0.5,
        seed: 1
      })
    );
    await setNumberField(page, 'learning-rate', '10');
    await page.getByTestId('play').click();
    await waitFor(async () => (await page.getByTestId('notice').count()) > 0, 60_000, 'the divergence notice');
    const text = await page.getByTestId('notice').innerText();
    // With tanh units the weights saturate instead of overflowing: the loss stays finite but above where it
    // started, which the playground reports as unstable; a NaN/Infinity would read "diverged".
    expect(text).toMatch(/unstable|diverged/i);
    await waitFor(async () => !(await figures(page)).running, 5_000, 'training to pause');
    const finite = await page.evaluate(() => {
      const s = (window as unknown as { __axon: { snapshot: { params: Float32Array; running: boolean } } }).__axon.snapshot;
      return { running: s.running, finite: Array.from(s.params).every(Number.isFinite) };
    });
    expect(finite).toEqual({ running: false, finite: true });
    await page.screenshot({ path: screenshotPath('diverged') });
    expect(errors).toEqual([]);
  });

  it('refuses a non-numeric learning rate in place and keeps the old value', async () => {
    const { page } = await open();
    await waitForReady(page);
    await setNumberField(page, 'learning-rate', 'abc');
    await expect.poll(() => page.getByTestId('learning-rate-hint').innerText()).toMatch(/not a number/);
    const rate = await page.evaluate(() => (window as unknown as { __axon: { state: { settings: { learningRate: number } } } }).__axon.state.settings.learningRate);
    expect(rate).toBe(0.03);
  });

  it('restarts a crashed worker, says so, and keeps the network', async () => {
    const { page } = await open();
    await waitForReady(page);
    const nodesBefore = await page.evaluate(() => (window as unknown as { __axon: { state: { doc: { nodes: unknown[] } } } }).__axon.state.doc.nodes.length);
    await page.evaluate(() => (window as unknown as { __axon: { crashWorker: () => void } }).__axon.crashWorker());
    await waitFor(async () => (await page.getByTestId('notice').count()) > 0, 10_000, 'the restart notice');
    expect(await page.getByTestId('notice').innerText()).toMatch(/restarted/);
    await page.getByTestId('play').click();
    await waitFor(async () => (await epoch(page)) >= 3, 30_000, 'training after the restart');
    const nodesAfter = await page.evaluate(() => (window as unknown as { __axon: { state: { doc: { nodes: unknown[] } } } }).__axon.state.doc.nodes.length);
    expect(nodesAfter).toBe(nodesBefore);
  });

  it('R resets to the first weights, from anywhere but a text field', async () => {
    const { page } = await open();
    await waitForReady(page);
    await page.getByTestId('play').click();
    await waitFor(async () => (await epoch(page)) >= 5, 30_000, '5 epochs');
    await page.getByTestId('play').click();
    await waitFor(async () => !(await figures(page)).running, 5_000, 'pause');
    // In a text field R is a letter.
    await page.getByTestId('learning-rate').focus();
    await page.keyboard.press('r');
    await page.waitForTimeout(300);
    expect(await epoch(page)).toBeGreaterThanOrEqual(5);
    await page.getByTestId('network-canvas').focus();
    await page.keyboard.press('r');
    await waitFor(async () => (await epoch(page)) === 0, 5_000, 'epoch 0 after R');
  });

  it('shows what slow work is under way and holds Play until the new network is ready', async () => {
    const { page } = await open();
    await waitForReady(page);
    // MNIST: an 8 MB download, decoding, and a 784-input network to build in the worker.
    const seen = page.waitForSelector('[data-testid=busy]', { timeout: 30_000 });
    // Play is sampled in every task turn (what a click could meet) from the switch's start to its end.
    const switched = page.evaluate(async () => {
      const play = document.querySelector<HTMLButtonElement>('[data-testid=play]')!;
      const done = (window as unknown as { __axon: { setDataSource: (s: unknown, o: unknown) => Promise<boolean> } }).__axon.setDataSource(
        { kind: 'mnist', trainCount: 2000, testCount: 500 },
        { adapt: true }
      );
      const probe = { samples: 0, enabled: 0, finished: false };
      const sample = () => {
        if (probe.finished) return;
        probe.samples++;
        if (!play.disabled) probe.enabled++;
        setTimeout(sample, 0);
      };
      setTimeout(sample, 0);
      const ok = await done;
      probe.finished = true;
      return { ok, samples: probe.samples, enabled: probe.enabled };
    });
    const busy = await seen;
    expect(await busy.innerText()).toMatch(/Loading the data|Building the network/);
    const { ok, samples, enabled } = await switched;
    expect(ok).toBe(true);
    expect(samples).toBeGreaterThan(10);
    expect(enabled, 'task turns with Play enabled before the new network was ready').toBe(0);
    await waitFor(async () => (await page.getByTestId('busy').count()) === 0, 90_000, 'the work to end');
    await waitFor(async () => !(await page.getByTestId('play').isDisabled()), 10_000, 'Play enabled');
    await page.getByTestId('play').click();
    await waitFor(async () => (await figures(page)).running, 10_000, 'training MNIST');
  });

  it('polish: one Course tasks heading, tooltips on the top bar, and the Metrics panel names its set', async () => {
    const { page } = await open();
    await waitForReady(page);
    expect(await page.getByRole('heading', { name: 'Course tasks' }).count()).toBe(1);
    for (const testid of ['learning-rate', 'batch-size', 'reg-rate', 'loss', 'optimizer', 'activation']) {
      const title = await page.getByTestId(testid).evaluate((el) => el.closest('[title]')?.getAttribute('title') ?? '');
      expect(title.length, testid).toBeGreaterThan(20);
    }
    expect(await page.getByTestId('learning-rate').evaluate((el) => el.closest('[title]')!.getAttribute('title'))).toMatch(/η/);
    expect(await page.getByTestId('metrics-set').innerText()).toMatch(/test set/);

    // The single neuron has no test set and no hidden layer: say so instead of NaN and "mixed".
    await page.getByTestId('preset-single-neuron').click();
    await expect.poll(() => page.getByTestId('loss-readout').innerText(), { timeout: 20_000 }).toMatch(/no test set/);
    expect(await page.getByTestId('loss-readout').innerText()).not.toMatch(/NaN/);
    expect(await page.getByTestId('metrics-set').innerText()).toMatch(/training set/);
    expect(await page.getByTestId('activation').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text)).toBe('no hidden layer');
  });
});
