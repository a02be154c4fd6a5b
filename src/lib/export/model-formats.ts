/**
 * The model file formats the Keep & share menu offers, each with the one line that says what it is for,
 * and the files each produces. Every exporter module is imported only when its format is chosen, so the
 * page's first load carries none of them (nor h5wasm, fflate or protobufjs behind them).
 */
import type { DataTable, ParamLayout, TrainSettings } from '../../../workers/protocol';
import type { NetworkDoc } from '../model/document';

export type ModelFormat = 'keras' | 'keras-file' | 'h5' | 'tfjs' | 'onnx' | 'pytorch' | 'numpy';

export interface ModelFormatInfo {
  id: ModelFormat;
  label: string;
  /** what a learner would use it for, in one line */
  purpose: string;
}

export const MODEL_FORMATS: readonly ModelFormatInfo[] = [
  { id: 'keras', label: 'Keras (Python)', purpose: 'Code that rebuilds the model in TensorFlow, weights included.' },
  { id: 'keras-file', label: 'Keras file (.keras)', purpose: 'Opens with keras.models.load_model in Keras 3.' },
  { id: 'h5', label: 'Keras 2 file (.h5)', purpose: 'For older TensorFlow / Keras 2 tools.' },
  { id: 'tfjs', label: 'TF.js model', purpose: 'For web pages and Node: tf.loadLayersModel.' },
  { id: 'onnx', label: 'ONNX (.onnx)', purpose: 'Runs in onnxruntime, opens in Netron and most inference tools.' },
  { id: 'pytorch', label: 'PyTorch + data (.py, .csv)', purpose: 'Keeps training on a GPU: the module, weights, optimizer and loop.' },
  { id: 'numpy', label: 'NumPy (Python)', purpose: 'The forward pass in plain NumPy, one Dense layer at a time.' }
];

export interface ModelSource {
  doc: NetworkDoc;
  layout: ParamLayout;
  params: Float32Array;
  settings: TrainSettings;
  table: DataTable | null;
}

export interface ExportFile {
  filename: string;
  blob: Blob;
}

const BASE = 'axon-model';
const python = (text: string, filename: string): ExportFile => ({ filename, blob: new Blob([text], { type: 'text/x-python' }) });
const binary = (bytes: Uint8Array, filename: string, type = 'application/octet-stream'): ExportFile => ({
  filename,
  blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type })
});

/** The files of one format. Throws an Error with a sentence for the person when the network cannot be exported. */
export async function modelFiles(format: ModelFormat, m: ModelSource): Promise<ExportFile[]> {
  const columns = m.table?.columns;
  switch (format) {
    case 'keras': {
      const { kerasCode } = await import('./keras');
      return [python(kerasCode(m.doc, m.layout, m.params, { settings: m.settings, columns }), 'axon_model.py')];
    }
    case 'keras-file': {
      const { kerasArchive } = await import('./keras-files');
      return [binary(await kerasArchive(m.doc, m.layout, m.params, { settings: m.settings }), `${BASE}.keras`, 'application/zip')];
    }
    case 'h5': {
      const { kerasH5 } = await import('./keras-files');
      return [binary(await kerasH5(m.doc, m.layout, m.params, { settings: m.settings }), `${BASE}.h5`)];
    }
    case 'tfjs': {
      const { tfjsFiles } = await import('./tfjs');
      return tfjsFiles(m.doc, m.layout, m.params, BASE);
    }
    case 'onnx': {
      const { onnxModel } = await import('./onnx');
      return [binary(await onnxModel(m.doc, m.layout, m.params), `${BASE}.onnx`)];
    }
    case 'numpy': {
      const { numpyCode } = await import('./numpy');
      return [python(numpyCode(m.doc, m.layout, m.params, { columns }), 'axon_numpy.py')];
    }
    case 'pytorch': {
      if (!m.table) throw new Error('There is no data to train on yet: load a dataset, then export for PyTorch.');
      const [{ pytorchCode }, { dataCsv, targetCount }] = await Promise.all([import('./pytorch'), import('./data-csv')]);
      const csvName = 'axon-data.csv';
      const code = pytorchCode(m.doc, m.layout, m.params, {
        settings: m.settings,
        columns,
        targets: targetCount(m.table),
        classes: m.table.classes?.length ?? null,
        csvName
      });
      return [python(code, 'axon_torch.py'), { filename: csvName, blob: new Blob([dataCsv(m.table)], { type: 'text/csv' }) }];
    }
  }
}
