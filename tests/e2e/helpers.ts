import type { Page } from 'playwright-core';

/** The epoch counter as a number. */
export async function epoch(page: Page): Promise<number> {
  return Number(await page.getByTestId('epoch').innerText());
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Reads the playground's latest figures through the read-only test hook. */
export async function figures(page: Page): Promise<{ epoch: number; trainLoss: number; testLoss: number; testAccuracy: number; running: boolean }> {
  return page.evaluate(() => {
    const pg = (window as unknown as { __axon?: { snapshot: null | { epoch: number; running: boolean; current: { trainLoss: number; testLoss: number; testAccuracy: number } } } }).__axon;
    const s = pg?.snapshot;
    return s
      ? { epoch: s.epoch, running: s.running, ...s.current }
      : { epoch: -1, running: false, trainLoss: NaN, testLoss: NaN, testAccuracy: NaN };
  });
}

export async function waitForReady(page: Page): Promise<void> {
  await waitFor(async () => (await figures(page)).epoch === 0, 30_000, 'the first snapshot');
}

/** Fraction of bytes that differ between two PNG screenshots of the same size (a rough pixel-change measure). */
export function differenceRatio(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  let differing = Math.abs(a.length - b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) differing++;
  return differing / Math.max(a.length, b.length);
}

export async function setNumberField(page: Page, testid: string, value: string): Promise<void> {
  const input = page.getByTestId(testid);
  await input.fill(value);
  await input.press('Enter');
}
