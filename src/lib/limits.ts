/**
 * Every size limit of the app, in one place, each with the reason for its value.
 *
 * A limit is checked before the work it guards starts (before a file is parsed, a table is built or a
 * network is sent to the engine), and the message that refuses an input states the limit. The README's
 * "Limits" section lists these values; limits.test.ts keeps the two in step.
 */

/** Rows of a CSV file (after the header). Beyond this, parsing and the first epochs take many seconds. */
export const MAX_CSV_ROWS = 100_000;
/** Columns of a CSV file: a wider file is not a table a person picks features from by hand. */
export const MAX_CSV_COLUMNS = 100;
/** Size of a CSV file, checked before it is read. */
export const MAX_CSV_BYTES = 50 * 1024 * 1024;

/**
 * Rows of a data table from any source (a CSV, a JSON file, a link, a host's `load` message), so a file
 * cannot carry the table a CSV would have been refused for.
 */
export const MAX_TABLE_ROWS = MAX_CSV_ROWS;
/** Cells (rows × columns) of a data table from any source: 100,000 rows of 50 columns. */
export const MAX_TABLE_VALUES = 5_000_000;
/** Columns of a data table from any source (MNIST has 784). */
export const MAX_TABLE_COLUMNS = 4096;

/** Size of a playground JSON file, checked before it is parsed (a full table plus weights fit well within it). */
export const MAX_JSON_FILE_BYTES = 100 * 1024 * 1024;
/** Size of a model file (TF.js, Keras, ONNX) for the importers, checked before it is read. */
export const MAX_MODEL_FILE_BYTES = 100 * 1024 * 1024;

/**
 * Characters of a name: a node label, a table or column name, a class name. Names from a CSV longer than
 * this are cut (columns) or refused (class names), so everything imported can be saved and read back.
 */
export const MAX_NAME_CHARS = 200;
/** Characters of a typed y = f(x) expression: nobody types more, and the parser's recursion stays shallow. */
export const MAX_EXPRESSION_CHARS = 500;

/** Units of a hidden or output group: beyond this, training in a browser tab crawls. */
export const MAX_UNITS = 1024;
/** Units of an input group: room for a 28×28 image (784) with margin. */
export const MAX_INPUT_UNITS = 2048;
/** Groups (nodes) in one network. */
export const MAX_GROUPS = 500;
/** Wires in one network. */
export const MAX_EDGES = 20_000;
/**
 * Trainable parameters of the whole network. MNIST with a 1,024-unit hidden layer (about 815,000) fits;
 * a 50-layer chain of 1,024 units (about 52 million) would need hundreds of MB for weights, gradients and
 * optimizer state, and minutes per epoch.
 */
export const MAX_PARAMETERS = 2_000_000;

/** Kernel side of a conv layer: 15×15 already spans most of a 28×28 digit. */
export const MAX_KERNEL_SIZE = 15;
/** Stride of a conv or pool layer. */
export const MAX_STRIDE = 8;
/** Filters of a conv layer: 256 on 28×28 is 200,704 values per sample per buffer. */
export const MAX_FILTERS = 256;
/** Side of a pooling window. */
export const MAX_POOL_SIZE = 8;
/** Height and width of an image input: thumbnails, not photographs (64×64×4 = 16,384 values). */
export const MAX_IMAGE_SIDE = 64;
/** Channels of an image input: grey, grey + alpha, RGB, RGBA. */
export const MAX_IMAGE_CHANNELS = 4;

/**
 * Memory of a network's buffers (activations, gradients, im2col scratch) for its batch, estimated
 * before training by the engine's activationBytes: above MAX_ACTIVATION_BYTES the engine refuses the
 * batch and validate() reports it with the bytes needed; above WARN_ACTIVATION_BYTES the page warns.
 * 64 conv filters on 28×28 with batch 256 need about 275 MB (a warning); two such layers about 490 MB.
 */
export { MAX_ACTIVATION_BYTES, WARN_ACTIVATION_BYTES } from '../../workers/engine';

/**
 * Largest magnitude of a data value (feature or regression target). The engine computes in float32, whose
 * largest value is about 3.4e38; beyond ±1e15 a value is a unit or typing mistake, and squares of it in
 * the loss would overflow float32 at once.
 */
export const MAX_DATA_MAGNITUDE = 1e15;

/**
 * Epochs of the loss and accuracy curve kept in the autosave and in exported files (the latest ones). The
 * charts show a few thousand points at most, and 10,000 records stay under 1 MB of JSON.
 */
export const MAX_SAVED_CURVE_EPOCHS = 10_000;

/** A number as people read it in messages: 2,000,000, or 1e+15 for the very large. */
export function formatLimit(value: number): string {
  return Math.abs(value) >= 1e12 ? value.toExponential() : value.toLocaleString('en-US');
}

/** Bytes in MB, for messages. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
