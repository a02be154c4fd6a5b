import { describe, expect, inject, it } from 'vitest';
import { screenshotPath } from './browser';
import { browserPerFile } from './browser-per-file';
import { epoch, figures, waitFor, waitForReady } from './helpers';

const appUrl = inject('appUrl');
const pool = browserPerFile();

async function open() {
  const opened = await pool.open(`${appUrl}/`);
  await waitForReady(opened.page);
  return opened;
}

type Axon = { __axon: { table: { count: number; columns: string[]; classes: string[] | null }; state: { data: { kind: string; name?: string } } } };

describe('data', () => {
  it('imports a CSV file, trains on it and shows the accuracy', async () => {
    const { page, errors } = await open();
    await page.getByTestId('csv-file-input').setInputFiles('tests/fixtures/two-moons.csv');
    await page.getByTestId('csv-import-button').click();
    await waitFor(
      async () => (await page.evaluate(() => (window as unknown as Axon).__axon.table.count)) === 200,
      10_000,
      'the imported table'
    );
    expect(await page.getByTestId('csv-imported').innerText()).toMatch(/200 rows/);
    await page.getByTestId('play').click();
    await waitFor(async () => (await figures(page)).testAccuracy > 0.9, 60_000, 'test accuracy above 90%');
    await page.getByTestId('play').click();
    expect(Number((await page.getByTestId('accuracy').innerText()).replace('%', ''))).toBeGreaterThan(90);
    await page.getByTestId('output-canvas').screenshot({ path: screenshotPath('csv-two-moons-trained') });
    expect(errors).toEqual([]);
  });

  it('refuses a ragged CSV with a message naming the row, keeping the current data and network', async () => {
    const { page } = await open();
    const before = await page.evaluate(() => {
      const axon = (window as unknown as Axon).__axon;
      return { count: axon.table.count, data: axon.state.data.kind };
    });
    await page.getByTestId('csv-file-input').setInputFiles('tests/fixtures/bad-ragged.csv');
    await expect.poll(() => page.getByTestId('csv-error').innerText(), { timeout: 5_000 }).toMatch(/row 3/i);
    const after = await page.evaluate(() => {
      const axon = (window as unknown as Axon).__axon;
      return { count: axon.table.count, data: axon.state.data.kind };
    });
    expect(after).toEqual(before);
  });

  it('says where a function expression is wrong and keeps the data', async () => {
    const { page } = await open();
    await page.getByTestId('generator-function').click();
    await waitFor(async () => (await page.getByTestId('function-expression').count()) > 0, 5_000, 'the expression field');
    const field = page.getByTestId('function-expression');
    await field.fill('sin(x) + foo');
    await field.press('Enter');
    await expect.poll(() => page.getByTestId('function-error').innerText(), { timeout: 5_000 }).toMatch(/foo/);
  });

  it('adds a clicked point to the data and keeps training', async () => {
    const { page } = await open();
    const count = await page.evaluate(() => (window as unknown as Axon).__axon.table.count);
    const box = (await page.getByTestId('output-canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.2);
    await waitFor(
      async () => (await page.evaluate(() => (window as unknown as Axon).__axon.table.count)) === count + 1,
      5_000,
      'one more point'
    );
    await page.getByTestId('play').click();
    await waitFor(async () => (await epoch(page)) >= 3, 30_000, 'training on the edited data');
  });

  it('trains MNIST: shows the digit grid with predictions and passes 90% after one epoch', async () => {
    const { page, errors } = await open();
    await page.getByTestId('preset-mnist').click();
    await waitFor(async () => (await page.getByTestId('digit-grid').count()) > 0, 60_000, 'the digit grid');
    await waitFor(
      async () => (await page.evaluate(() => (window as unknown as Axon).__axon.table?.columns.length)) === 784,
      60_000,
      'the MNIST table'
    );
    // Play waits until the 784-input network is built in the worker (slow on a loaded machine).
    await waitFor(async () => !(await page.getByTestId('play').isDisabled()), 120_000, 'the MNIST network');
    await page.getByTestId('play').click();
    await waitFor(async () => (await epoch(page)) >= 1, 120_000, 'one epoch of MNIST');
    await page.getByTestId('play').click();
    await waitFor(async () => !(await figures(page)).running, 30_000, 'pause');
    const { testAccuracy } = await figures(page);
    expect(testAccuracy).toBeGreaterThan(0.9);
    await page.getByTestId('digit-grid').screenshot({ path: screenshotPath('mnist-digits') });
    expect(errors).toEqual([]);
  });

  it('switching data adapts the network in one step, says what changed, and Undo restores it', async () => {
    const { page, errors } = await open();
    const output = () =>
      page.evaluate(() => {
        const pg = (window as unknown as { __axon: Adaptable }).__axon;
        const out = pg.state.doc.nodes.find((n) => n.kind === 'output')!;
        return { units: out.units, activation: out.activation, loss: pg.state.settings.loss, data: pg.state.data.generator ?? pg.state.data.kind };
      });

    // Clusters: three classes need three softmax units and categorical cross-entropy; Play is not blocked.
    await page.getByTestId('generator-gaussians_multi').click();
    await waitFor(async () => (await output()).units === 3, 10_000, 'the adapted output');
    expect(await output()).toEqual({ units: 3, activation: 'softmax', loss: 'cce', data: 'gaussians_multi' });
    expect(await page.getByTestId('notice').innerText()).toMatch(/output → 3 units, softmax; loss → categorical cross-entropy/);
    await waitFor(async () => !(await page.getByTestId('play').isDisabled()), 10_000, 'Play enabled');
    await page.getByTestId('play').click();
    await waitFor(async () => (await epoch(page)) >= 3, 30_000, 'training on Clusters');
    await page.getByTestId('play').click();

    // Undo puts back the data, the output and the loss together.
    await page.getByTestId('generator-plane').click();
    await waitFor(async () => (await output()).activation === 'linear', 10_000, 'the regression output');
    expect(await output()).toEqual({ units: 1, activation: 'linear', loss: 'mse', data: 'plane' });
    await page.getByTestId('notice-action').click();
    await waitFor(async () => (await output()).data === 'gaussians_multi', 10_000, 'the undo');
    expect(await output()).toEqual({ units: 3, activation: 'softmax', loss: 'cce', data: 'gaussians_multi' });

    // Plane trains with a loss that never goes below zero (sigmoid + BCE gave −2.01 here before).
    await page.getByTestId('generator-plane').click();
    await waitFor(async () => (await output()).activation === 'linear', 10_000, 'the regression output');
    await page.getByTestId('play').click();
    await waitFor(async () => (await epoch(page)) >= 5, 30_000, 'training on Plane');
    await page.getByTestId('play').click();
    expect((await figures(page)).trainLoss).toBeGreaterThanOrEqual(0);
    expect(await page.getByTestId('negative-loss').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('after the Iris preset, a generator resets the inputs so Play works', async () => {
    const { page } = await open();
    await page.getByTestId('preset-iris').click();
    await waitFor(async () => (await page.evaluate(() => (window as unknown as Axon).__axon.table?.columns.length)) === 4, 20_000, 'the Iris table');
    await page.getByTestId('generator-circle').click();
    await waitFor(async () => (await page.evaluate(() => (window as unknown as Axon).__axon.table?.columns.length)) === 2, 20_000, 'the circle');
    await expect.poll(() => page.getByTestId('notice').innerText(), { timeout: 10_000 }).toMatch(/inputs → x1, x2/);
    await waitFor(async () => !(await page.getByTestId('play').isDisabled()), 10_000, 'Play enabled');
    await page.getByTestId('play').click();
    await waitFor(async () => (await epoch(page)) >= 2, 30_000, 'training on the circle');
  });

  it('a loss that cannot learn is flagged on the Loss control with the fix', async () => {
    const { page } = await open();
    expect(await page.getByTestId('loss-warning').count()).toBe(0);
    await page.getByTestId('loss').selectOption('hinge');
    await expect.poll(() => page.getByTestId('loss-warning').innerText(), { timeout: 5_000 }).toMatch(/tanh or linear output/);
    await page.getByTestId('loss').selectOption('bce');
    await expect.poll(() => page.getByTestId('loss-warning').count(), { timeout: 5_000 }).toBe(0);
  });

  it('clicked points can be undone, and the gallery says New sample discards them', async () => {
    const { page } = await open();
    const count = await page.evaluate(() => (window as unknown as Axon).__axon.table.count);
    const box = (await page.getByTestId('output-canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.2);
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.2);
    await waitFor(async () => (await page.evaluate(() => (window as unknown as Axon).__axon.table.count)) === count + 2, 5_000, 'two more points');
    expect(await page.getByTestId('current-dataset').innerText()).toMatch(/edited data — New sample discards your points/);
    expect((await page.getByTestId('regenerate').innerText()).trim()).toBe('New sample');
    await page.getByTestId('undo-point').click();
    await waitFor(async () => (await page.evaluate(() => (window as unknown as Axon).__axon.table.count)) === count + 1, 5_000, 'one point undone');
    await page.getByTestId('undo-point').click();
    await waitFor(async () => (await page.evaluate(() => (window as unknown as Axon).__axon.state.data.kind)) === 'generated', 5_000, 'the generated set back');
    expect(await page.getByTestId('undo-point').count()).toBe(0);
  });
});

type Adaptable = {
  state: {
    doc: { nodes: { kind: string; units: number; activation: string }[] };
    settings: { loss: string };
    data: { kind: string; generator?: string };
  };
};
