/**
 * Fuzz: model files. Hand-broken TF.js pairs (truncated shard, byte counts that do not match, missing
 * shard), JSON that is not a model, unsupported and inexpressible layers, a 20-million-parameter model,
 * files over the size cap, HDF5 that is not a Keras model, zips without config.json, random bytes.
 * Each is refused with a ModelImportError naming the file, the layer and expected against found.
 */
import { fuzz, fuzzRng, randomText, type FuzzCase } from '../testing/fuzz';
import { writeHdf5 } from '../formats/hdf5';
import { textEncoder, zipEntries } from '../formats/zip';
import { compile } from '../../../workers/engine';
import { DENSE_STACK } from '../export/__fixtures__/networks';
import { readableParams } from '../export/__fixtures__/networks';
import { tfjsModel } from '../export/tfjs';
import { exportStateJson } from '../model/file';
import { defaultState } from '../model/defaults';
import { toSpec } from '../model/spec';
import { MAX_MODEL_FILE_BYTES } from '../limits';
import { importModelFiles, ModelImportError, type ModelFileSource } from './index';

// Tests damage arbitrary JSON on purpose, so its shape is deliberately loose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

interface Chosen {
  name: string;
  bytes: Uint8Array;
  /** a size to report instead of the bytes' (for the size cap, without allocating it) */
  size?: number;
}

const layout = compile(toSpec(DENSE_STACK.doc)).layout;
const good = tfjsModel(DENSE_STACK.doc, layout, readableParams(layout), { weightsPath: 'w.bin' });
const goodJson = (): Loose => JSON.parse(JSON.stringify(good.modelJson));
const goodBin = () => new Uint8Array(good.weightData.slice(0));
const json = (value: unknown, name = 'model.json'): Chosen => ({ name, bytes: textEncoder.encode(typeof value === 'string' ? value : JSON.stringify(value)) });
const bin = (bytes: Uint8Array, name = 'w.bin'): Chosen => ({ name, bytes });
function pair(damage: (m: Loose) => void, weights = goodBin()): Chosen[] {
  const m = goodJson();
  damage(m);
  return [json(m), bin(weights)];
}
/** The layers of the model.json topology, to damage. */
const layersOf = (m: Loose): Loose[] => m.modelTopology.config.layers;
const dense = (m: Loose, name: string): Loose => layersOf(m).find((l: Loose) => l.name === name);

const SAYS: Record<string, RegExp> = {
  'a truncated shard': /^model\.json: weight group 1 lists 80 bytes of weights, but 'w\.bin' holds 72 bytes \(truncated\?\)\./,
  'a shard longer than the manifest says': /^model\.json: weight group 1 lists 80 bytes of weights, but 'w\.bin' holds 88 bytes\./,
  'a manifest shape that does not match the bytes': /lists 88 bytes of weights, but 'w\.bin' holds 80 bytes \(truncated\?\)/,
  'a kernel of the wrong shape': /^model\.json: layer 'h1' kernel: expected shape \[2, 3\], found \[3, 2\]\./,
  'the shard not chosen': /^model\.json needs the weights file 'w\.bin', which was not chosen: choose model\.json and its \.bin files together\./,
  'the shard alone': /^w\.bin: weight files alone; choose the model\.json that names them too\./,
  'a weight missing from the manifest': /^model\.json: layer 'out' needs the weight 'out\/bias' of shape \[1\], which the file does not have\./,
  'JSON {"hello": 1}': /^model\.json is not a TF\.js model: it has no modelTopology\./,
  'an Axon playground file': /it looks like an Axon playground file: open it with Import JSON…/,
  'JSON [1, 2]': /^model\.json is JSON but not an object, so it is not a model\./,
  'text {"modelTopology": ': /^model\.json is not JSON/,
  'BatchNormalization bn_3': /^model\.json: layer 'bn_3' is BatchNormalization, which Axon does not support yet\./,
  'a TF.js graph model': /is a TF\.js graph model/,
  'a model of 20 million parameters': /^model\.json: the model cannot be opened in Axon: The network has 20,020,000 parameters; the limit is 2,000,000\./,
  'a manifest of 20 million weights': /^model\.json: the model has 20,000,000 parameters; Axon trains networks of at most 2,000,000 \(MAX_PARAMETERS\)\./,
  'files over the size cap': /^model\.json, w\.bin: 120 MB in all; model files are limited to 100 MB \(MAX_MODEL_FILE_BYTES\)\./,
  'an HDF5 file that is not a Keras model': /^data\.h5 is an HDF5 file but not a Keras model: it has no model_config attribute\./,
  'a Keras 3 weights file alone': /it looks like a Keras 3 weights file: open the \.keras archive instead/,
  'text named .h5': /^notes\.h5 is not an HDF5 file/,
  'a zip without config.json': /^model\.keras has no config\.json, so it is not a Keras model \(it holds notes\.txt\)\./,
  'a .keras with config.json but no weights': /^model\.keras has a config\.json but no model\.weights\.h5/,
  'text named .keras': /^model\.keras is not a zip archive/,
  'a layer called twice': /^model\.json: layer 'h2' is called 2 times \(shared weights\)/,
  'two outputs': /the model has 2 outputs; an Axon network has exactly one/,
  'a cycle of layers': /the layers read each other in a cycle/,
  'activation selu': /^model\.json: layer 'h1' uses the activation selu, which Axon does not support yet\./,
  'LeakyReLU with slope 0.3': /LeakyReLU layer 'leaky' has slope 0\.3; Axon's leaky ReLU uses 0\.01/,
  'a Dense reading an image': /^model\.json: layer 'h1' \(Dense\) reads the image 'x'; Keras applies it to each pixel there, which Axon does not do: add a Flatten before it\./,
  'a 3×5 conv kernel': /layer 'c' \(Conv2D\) has kernel size \[3,5\]; Axon's kernel size is the same whole number in both directions/,
  'a dilated conv': /layer 'c' \(Conv2D\) is dilated \(2\), which Axon does not support yet/,
  'a channels_first conv': /layer 'c' \(Conv2D\) is channels_first; Axon's images are channels_last/,
  "a pool with 'same' padding": /layer 'p' \(MaxPooling2D\) has padding same; Axon's pooling has no padding/,
  'a conv kernel larger than its input': /^model\.json: conv "c": its 7×7 window is larger than its input "x" \(6×6×1\); use a smaller kernel or 'same' padding\./,
  'an activation after an activated Dense': /layer 'act' \(Activation\) follows 'h1', which already applies tanh; an Axon group applies one activation/,
  'a string weight': /weight 'h1\/kernel' is of type string, which Axon cannot read/,
  'a quantization of another type': /weight 'h1\/kernel' has an unknown quantization/,
  'a file that is not a model file': /^notes\.txt: not a model file\./,
  'two models at once': /choose one model at a time/,
  'nothing chosen': /^No file was chosen\./
};

const cases: FuzzCase<Chosen[]>[] = [];
const add = (name: string, input: Chosen[]) => cases.push({ name, input });

// TF.js pairs broken by hand.
add('a truncated shard', [json(goodJson()), bin(goodBin().subarray(0, 72))]);
add('a shard longer than the manifest says', [json(goodJson()), bin(new Uint8Array(88))]);
add('a manifest shape that does not match the bytes', pair((m) => (m.weightsManifest[0].weights[0].shape = [2, 4])));
add('a kernel of the wrong shape', pair((m) => (m.weightsManifest[0].weights[0].shape = [3, 2])));
add('the shard not chosen', [json(goodJson())]);
add('the shard alone', [bin(goodBin())]);
add('a weight missing from the manifest', pair((m) => (m.weightsManifest[0].weights[5].name = 'elsewhere/bias')));
add('a string weight', pair((m) => (m.weightsManifest[0].weights[0].dtype = 'string')));
add('a quantization of another type', pair((m) => (m.weightsManifest[0].weights[0].quantization = { dtype: 'int4', scale: 1, min: 0 })));

// JSON that is not a (layers) model.
add('JSON {"hello": 1}', [json({ hello: 1 })]);
add('an Axon playground file', [json(exportStateJson(defaultState()), 'axon-playground.json')]);
add('JSON [1, 2]', [json([1, 2])]);
add('text {"modelTopology": ', [json('{"modelTopology": ')]);
add('a TF.js graph model', [json({ format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [] })]);
const rng = fuzzRng(1701);
for (let i = 0; i < 6; i++) add(`random bytes as model.json #${i + 1}`, [json(randomText(rng, 1 + rng.int(3000))), bin(goodBin())]);
for (let i = 0; i < 4; i++) {
  const text = JSON.stringify(goodJson());
  const at = rng.int(text.length);
  add(`model.json cut at ${at}`, [json(text.slice(0, at)), bin(goodBin())]);
}
for (let i = 0; i < 4; i++) add(`random bytes as a .keras #${i + 1}`, [{ name: 'random.keras', bytes: Uint8Array.from({ length: 1 + rng.int(500) }, () => rng.int(256)) }]);

// Layers Axon does not have, or cannot express exactly.
add('BatchNormalization bn_3', pair((m) => layersOf(m).splice(2, 0, { name: 'bn_3', class_name: 'BatchNormalization', config: { axis: -1 }, inbound_nodes: [[['h1', 0, 0, {}]]] })));
add('activation selu', pair((m) => (dense(m, 'h1').config.activation = 'selu')));
add('LeakyReLU with slope 0.3', pair((m) => {
  layersOf(m).splice(2, 0, { name: 'leaky', class_name: 'LeakyReLU', config: { alpha: 0.3 }, inbound_nodes: [[['h1', 0, 0, {}]]] });
  dense(m, 'h1').config.activation = 'linear';
  dense(m, 'h2').inbound_nodes = [[['leaky', 0, 0, {}]]];
}));
add('an activation after an activated Dense', pair((m) => {
  layersOf(m).splice(2, 0, { name: 'act', class_name: 'Activation', config: { activation: 'relu' }, inbound_nodes: [[['h1', 0, 0, {}]]] });
  dense(m, 'h2').inbound_nodes = [[['act', 0, 0, {}]]];
}));
add('a layer called twice', pair((m) => dense(m, 'h2').inbound_nodes.push([['h1', 0, 0, {}]])));
add('two outputs', pair((m) => m.modelTopology.config.output_layers.push(['h1', 0, 0])));
add('a cycle of layers', pair((m) => (dense(m, 'h1').inbound_nodes = [[['out', 0, 0, {}]]])));
add('a Dense reading an image', pair((m) => (layersOf(m)[0].config.batch_input_shape = [null, 28, 28, 1])));
/** x (an image) → conv c → flatten → the model's Dense h1 …; `conv` and `pool` change the conv's config or add a pool. */
function convPair(conv: Loose, pool?: Loose): Chosen[] {
  return pair((m) => {
    layersOf(m)[0].config.batch_input_shape = [null, 6, 6, 1];
    const extra: Loose[] = [{ name: 'c', class_name: 'Conv2D', config: { filters: 2, kernel_size: [3, 3], activation: 'relu', ...conv }, inbound_nodes: [[['x', 0, 0, {}]]] }];
    if (pool) extra.push({ name: 'p', class_name: 'MaxPooling2D', config: { pool_size: [2, 2], ...pool }, inbound_nodes: [[['c', 0, 0, {}]]] });
    extra.push({ name: 'f', class_name: 'Flatten', config: {}, inbound_nodes: [[[pool ? 'p' : 'c', 0, 0, {}]]] });
    layersOf(m).splice(1, 0, ...extra);
    dense(m, 'h1').inbound_nodes = [[['f', 0, 0, {}]]];
  });
}
add('a 3×5 conv kernel', convPair({ kernel_size: [3, 5] }));
add('a dilated conv', convPair({ dilation_rate: [2, 2] }));
add('a channels_first conv', convPair({ data_format: 'channels_first' }));
add("a pool with 'same' padding", convPair({}, { padding: 'same' }));
add('a conv kernel larger than its input', convPair({ kernel_size: 7 }));
add('__proto__ as a layer name', pair((m) => (dense(m, 'h2').name = '__proto__')));

// Too big.
const chain = (layers: number, units: number): Loose => ({
  format: 'layers-model',
  modelTopology: {
    class_name: 'Sequential',
    config: {
      name: 'big',
      layers: Array.from({ length: layers }, (_, i) => ({
        class_name: 'Dense',
        config: { name: `d${i}`, units, activation: 'relu', ...(i === 0 ? { batch_input_shape: [null, units] } : {}) }
      }))
    }
  },
  weightsManifest: [{ paths: ['w.bin'], weights: [] }]
});
add('a model of 20 million parameters', [json(chain(20, 1000)), bin(new Uint8Array(8))]);
add('a manifest of 20 million weights', pair((m) => m.weightsManifest[0].weights.push({ name: 'extra', shape: [20_000_000 - layout.paramCount], dtype: 'float32' })));
add('files over the size cap', [
  { ...json(goodJson()), size: 20 * 1024 * 1024 },
  { ...bin(goodBin()), size: MAX_MODEL_FILE_BYTES }
]);

// Keras files that are not Keras models.
const notKeras = await writeHdf5((f) => {
  f.create_dataset({ name: 'data', data: new Float32Array([1, 2, 3]), shape: [3], dtype: '<f' });
});
add('an HDF5 file that is not a Keras model', [{ name: 'data.h5', bytes: notKeras }]);
const keras3Weights = await writeHdf5((f) => {
  f.create_group('layers').create_group('dense').create_group('vars');
});
add('a Keras 3 weights file alone', [{ name: 'model.weights.h5', bytes: keras3Weights }]);
add('text named .h5', [{ name: 'notes.h5', bytes: textEncoder.encode('hello') }]);
add('a zip without config.json', [{ name: 'model.keras', bytes: await zipEntries({ 'notes.txt': textEncoder.encode('hi') }) }]);
add('a .keras with config.json but no weights', [{ name: 'model.keras', bytes: await zipEntries({ 'config.json': textEncoder.encode('{}') }) }]);
add('text named .keras', [{ name: 'model.keras', bytes: textEncoder.encode('not a zip') }]);

// Choices that are not one model.
add('a file that is not a model file', [{ name: 'notes.txt', bytes: textEncoder.encode('hi') }]);
add('two models at once', [json(goodJson()), json(goodJson(), 'other.json'), bin(goodBin())]);
add('nothing chosen', []);

fuzz(
  'model files',
  cases,
  async (chosen) => {
    const sources: ModelFileSource[] = chosen.map((c) => ({ name: c.name, size: c.size ?? c.bytes.byteLength, read: async () => c.bytes }));
    try {
      await importModelFiles(sources);
      return { messages: [] };
    } catch (error) {
      if (error instanceof ModelImportError) return { messages: [error.message] };
      throw error;
    }
  },
  { says: SAYS }
);
