/**
 * Issue 17, export half, on the real page: the Keep & share menu lists every model format with what it is
 * for, and a `.keras` and an `.onnx` downloaded from it are non-empty and parse (the zip has the Keras 3
 * entries and its config names the layers; the ONNX bytes decode as a model whose graph has nodes).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage } from './browser';
import { browserPerFile } from './browser-per-file';
import { figures, waitFor } from './helpers';
import { MODEL_FORMATS } from '../../src/lib/export/model-formats';
import { modelProto } from '../../src/lib/export/onnx-proto';
import { textDecoder, unzipEntries } from '../../src/lib/formats/zip';

const appUrl = inject('appUrl');
const pool = browserPerFile();

async function download(page: Page, testid: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(testid).click()]);
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync((await file.path())!)) };
}

describe('model export menu', () => {
  it('lists every format, and the .keras and .onnx downloads parse', async () => {
    const { page, context, errors } = await openPage(pool.browser, `${appUrl}/`);
    try {
      await waitFor(async () => (await figures(page)).epoch >= 0, 90_000, 'the first snapshot');
      for (let k = 0; k < 3; k++) await page.getByTestId('step').click();
      for (const format of MODEL_FORMATS) {
        const button = page.getByTestId(`export-${format.id}`);
        expect(await button.textContent()).toContain(format.purpose);
      }

      const keras = await download(page, 'export-keras-file');
      expect(keras.name).toBe('axon-model.keras');
      expect(keras.bytes.length).toBeGreaterThan(1000);
      const entries = await unzipEntries(keras.bytes, keras.name);
      expect(Object.keys(entries).sort()).toEqual(['config.json', 'metadata.json', 'model.weights.h5']);
      const config = JSON.parse(textDecoder.decode(entries['config.json']));
      expect(config.class_name).toBe('Functional');
      expect(config.config.layers.some((l: { class_name: string }) => l.class_name === 'Dense')).toBe(true);
      // The weights file is HDF5: its 8-byte signature.
      expect(Array.from(entries['model.weights.h5'].subarray(0, 4))).toEqual([0x89, 0x48, 0x44, 0x46]);

      const onnx = await download(page, 'export-onnx');
      expect(onnx.name).toBe('axon-model.onnx');
      expect(onnx.bytes.length).toBeGreaterThan(100);
      const ModelProto = await modelProto();
      const model = ModelProto.toObject(ModelProto.decode(onnx.bytes)) as { producerName: string; graph: { node: { opType: string }[]; output: unknown[] } };
      expect(model.producerName).toBe('Axon');
      expect(model.graph.node.map((n) => n.opType)).toContain('Gemm');
      expect(model.graph.output).toHaveLength(1);

      expect(await page.getByTestId('export-error').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
