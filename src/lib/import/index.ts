/**
 * Opening model files: TF.js (model.json + .bin shards), Keras (.keras, legacy .h5). Every refusal is a
 * ModelImportError whose message names the file, the layer and what was expected against what was found.
 */
import { formatMegabytes, MAX_MODEL_FILE_BYTES } from '../limits';
import { check, ModelImportError, shown } from './errors';
import { importTfjs } from './tfjs-model';
import type { ImportedModel, ModelFileSource } from './types';

export { ModelImportError } from './errors';
export type { ImportedModel, ModelFileSource } from './types';

const extension = (name: string) => /\.([^.]+)$/.exec(name.toLowerCase())?.[1] ?? '';

/** Whether a file name looks like part of a model (for the drop handler: other files go elsewhere). */
export function isModelFileName(name: string): boolean {
  return ['json', 'bin', 'keras', 'h5', 'hdf5'].includes(extension(name));
}

/** Reads the chosen files, refusing before reading when they are over MAX_MODEL_FILE_BYTES together. */
export async function importModelFiles(sources: readonly ModelFileSource[]): Promise<ImportedModel> {
  check(sources.length > 0, 'No file was chosen.');
  const total = sources.reduce((sum, s) => sum + s.size, 0);
  if (total > MAX_MODEL_FILE_BYTES) {
    const names = sources.map((s) => s.name).join(', ');
    throw new ModelImportError(`${shown(names)}: ${formatMegabytes(total)} in all; model files are limited to ${formatMegabytes(MAX_MODEL_FILE_BYTES)} (MAX_MODEL_FILE_BYTES).`);
  }
  const byKind = (ext: string[]) => sources.filter((s) => ext.includes(extension(s.name)));
  const jsons = byKind(['json']);
  const keras = byKind(['keras', 'h5', 'hdf5']);
  const bins = byKind(['bin']);
  const others = sources.filter((s) => !isModelFileName(s.name));
  check(
    others.length === 0,
    `${shown(others.map((s) => s.name).join(', '))}: not a model file. Choose a TF.js model.json with its .bin weight files, or a Keras .keras / .h5 file.`
  );
  check(jsons.length + keras.length === 1, () =>
    jsons.length + keras.length === 0
      ? `${shown(bins.map((s) => s.name).join(', '))}: weight files alone; choose the model.json that names them too.`
      : `${shown([...jsons, ...keras].map((s) => s.name).join(', '))}: choose one model at a time.`
  );
  if (jsons.length === 1) {
    const json = { name: jsons[0].name, bytes: await jsons[0].read() };
    const shards = await Promise.all(bins.map(async (s) => ({ name: s.name, bytes: await s.read() })));
    return importTfjs(json, shards);
  }
  const source = keras[0];
  const file = { name: source.name, bytes: await source.read() };
  // The Keras reader (and with it the HDF5 and zip libraries) loads only when a Keras file is opened.
  const { importKerasArchive, importKerasH5 } = await import('./keras-model');
  return source.name.toLowerCase().endsWith('.keras') ? importKerasArchive(file) : importKerasH5(file);
}
