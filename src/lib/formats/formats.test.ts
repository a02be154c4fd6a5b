import { describe, expect, it } from 'vitest';
import { looksLikeHdf5, readHdf5, writeHdf5 } from './hdf5';
import { looksLikeZip, textDecoder, textEncoder, unzipEntries, zipEntries } from './zip';

describe('hdf5', () => {
  it('writes a file whose datasets and attributes read back', async () => {
    const bytes = await writeHdf5((file) => {
      const group = file.create_group('model_weights');
      group.create_dataset({ name: 'kernel:0', data: new Float32Array([1, 2, 3, 4, 5, 6]), shape: [2, 3] });
      file.create_attribute('model_config', '{"class_name":"Functional"}');
    });
    expect(looksLikeHdf5(bytes)).toBe(true);
    const read = await readHdf5(bytes, (file) => {
      const dataset = file.get('model_weights/kernel:0') as import('h5wasm').Dataset;
      return { shape: dataset.shape, values: Array.from(dataset.value as Float32Array), config: file.attrs.model_config.value };
    });
    expect(read).toEqual({ shape: [2, 3], values: [1, 2, 3, 4, 5, 6], config: '{"class_name":"Functional"}' });
  });

  it('refuses bytes that are not HDF5, naming the file', async () => {
    await expect(readHdf5(textEncoder.encode('{"not": "hdf5"}'), () => 0, 'model.h5')).rejects.toThrow(/model\.h5 is not an HDF5 file/);
  });
});

describe('zip', () => {
  it('packs and unpacks entries byte for byte', async () => {
    const entries = { 'config.json': textEncoder.encode('{"a":1}'), 'model.weights.h5': new Uint8Array([0, 1, 2, 250]) };
    const archive = await zipEntries(entries);
    expect(looksLikeZip(archive)).toBe(true);
    const back = await unzipEntries(archive);
    expect(Object.keys(back)).toEqual(['config.json', 'model.weights.h5']);
    expect(textDecoder.decode(back['config.json'])).toBe('{"a":1}');
    expect(Array.from(back['model.weights.h5'])).toEqual([0, 1, 2, 250]);
  });

  it('refuses a damaged or oversized archive with the file name', async () => {
    const archive = await zipEntries({ 'config.json': new Uint8Array(4096) });
    await expect(unzipEntries(archive.subarray(0, 40), 'm.keras')).rejects.toThrow(/m\.keras is a damaged zip/);
    await expect(unzipEntries(archive, 'm.keras', 1000)).rejects.toThrow(/m\.keras unpacks to more than/);
    await expect(unzipEntries(textEncoder.encode('hello'), 'm.keras')).rejects.toThrow(/not a zip archive/);
  });
});
