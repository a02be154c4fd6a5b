/**
 * Issue 13, "pictures that show the picture": the PNG export contains the network canvas and the output
 * boundary as drawn (both are WebGL canvases, which a plain copy reads as blank or black). The downloaded
 * file is decoded in the browser and the areas where the layout put those two canvases must not be uniform.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { openPage } from './browser';
import { browserPerFile } from './browser-per-file';
import { figures, waitFor } from './helpers';
import { layoutRow, PNG_CANVASES } from '../../src/lib/export/png';

const appUrl = inject('appUrl');
const pool = browserPerFile();

describe('PNG export', () => {
  it('shows the network with its heat-maps and the decision boundary, not blank or black areas', async () => {
    const { page, context, errors } = await openPage(pool.browser, `${appUrl}/`);
    try {
      // Generous: a loaded 2-core machine can take long to start the worker.
      await waitFor(async () => (await figures(page)).epoch >= 0, 90_000, 'the first snapshot');
      // A few steps so links and heat-maps have colour.
      for (let k = 0; k < 5; k++) await page.getByTestId('step').click();
      await page.waitForTimeout(500);
      const canvases = await page.evaluate((selector) =>
        [...document.querySelectorAll<HTMLCanvasElement>(selector)].map((c) => ({
          width: c.width,
          height: c.height,
          testid: c.dataset.testid ?? ''
        })),
        PNG_CANVASES
      );
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByTestId('export-png').click()]);
      expect(download.suggestedFilename()).toBe('axon.png');
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');

      const { width, height, placements } = layoutRow(canvases);
      const areas = ['network-canvas', 'output-canvas'].map((id) => {
        const k = canvases.findIndex((c) => c.testid === id);
        expect(k, `${id} is exported`).toBeGreaterThanOrEqual(0);
        return { id, ...placements[k] };
      });
      const measured = await page.evaluate(
        async ({ base64, areas }) => {
          const blob = new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' });
          const bitmap = await createImageBitmap(blob);
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const ctx = canvas.getContext('2d')!;
          ctx.drawImage(bitmap, 0, 0);
          return {
            size: [bitmap.width, bitmap.height],
            areas: areas.map((a) => {
              const data = ctx.getImageData(a.x, a.y, a.width, a.height).data;
              const colours = new Set<number>();
              let dark = 0;
              for (let p = 0; p < data.length; p += 4) {
                colours.add((data[p] << 16) | (data[p + 1] << 8) | data[p + 2]);
                if (data[p] + data[p + 1] + data[p + 2] < 60) dark++;
              }
              return { id: a.id, colours: colours.size, darkShare: dark / (data.length / 4) };
            })
          };
        },
        { base64: bytes.toString('base64'), areas }
      );
      expect(measured.size).toEqual([width, height]);
      for (const area of measured.areas) {
        expect(area.colours, `${area.id}: distinct colours`).toBeGreaterThan(50);
        expect(area.darkShare, `${area.id}: share of near-black pixels`).toBeLessThan(0.2);
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
