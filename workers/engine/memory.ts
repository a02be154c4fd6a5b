/**
 * How much memory a network's buffers take for one batch size, before anything is allocated: the
 * training workspace (activations, gradients, dropout masks, max-pool winners, im2col scratch) plus
 * the forward-only evaluation workspace. Conv nets are where this matters: 64 filters on 28×28 are
 * 50,176 values per sample per buffer. The page warns with the figure; the Trainer refuses above
 * MAX_ACTIVATION_BYTES with it, instead of letting the worker run out of memory.
 */
import type { NetworkSpec } from '../protocol';
import { COL_BUDGET } from './conv';
import { EVAL_CHUNK, EVAL_VALUES } from './evaluation';
import { inferShapes } from './shapes';

/** The most bytes a network's buffers may take for its batch (a browser tab's worker can spare this). */
export const MAX_ACTIVATION_BYTES = 384 * 1024 * 1024;
/** Above this the page warns before training: the tab grows by hundreds of MB and steps are slow. */
export const WARN_ACTIVATION_BYTES = 128 * 1024 * 1024;

const FLOAT = 4;

/** Bytes of every buffer the Trainer allocates for this spec at this batch size (an estimate within a few %). */
export function activationBytes(spec: NetworkSpec, batchSize: number): number {
  const report = inferShapes(spec);
  const rows = Math.max(1, Math.floor(batchSize));
  let perSample = 0;
  let evalPerSample = 0;
  let widest = 1;
  // im2col rows per sample of the widest conv, and the samples of its block
  const convs: { perRow: number; block: number }[] = [];
  const byId = new Map(spec.groups.map((g) => [g.id, g]));
  for (const g of spec.groups) {
    const units = report.units[g.id] ?? 0;
    widest = Math.max(widest, units);
    const layer = g.kind === 'hidden' ? g.layer : undefined;
    // z, a, dz, da; inputs, pools and flattens share z with a and dz with da. Evaluation: z and a only.
    const shared = g.kind === 'input' || (layer !== undefined && layer.type !== 'conv2d');
    let buffers = shared ? 2 : 4;
    let evalBuffers = shared ? 1 : 2;
    if (g.kind === 'hidden' && (g.dropout ?? 0) > 0) buffers += 2;
    if (layer?.type === 'pool2d' && layer.mode === 'max') {
      buffers += 1;
      evalBuffers += 1;
    }
    perSample += buffers * units;
    evalPerSample += evalBuffers * units;
    if (layer?.type === 'conv2d') {
      const parent = spec.edges.find((e) => e.to === g.id);
      const input = parent ? report.shapes[parent.from] : null;
      const output = report.shapes[g.id];
      if (input && output && byId.has(parent!.from)) {
        const perRow = output.height * output.width * layer.kernelSize * layer.kernelSize * input.channels;
        convs.push({ perRow, block: Math.max(1, Math.floor(COL_BUDGET / perRow)) });
      }
    }
  }
  const colFor = (samples: number): number => Math.max(0, ...convs.map((c) => Math.min(c.block, samples) * c.perRow));
  const evalRows = Math.max(1, Math.min(EVAL_CHUNK, Math.floor(EVAL_VALUES / widest)));
  // training: buffers, im2col scratch and its gradient; evaluation: buffers and the scratch alone
  return FLOAT * (rows * perSample + 2 * colFor(rows) + evalRows * evalPerSample + colFor(evalRows));
}

/** "412 MB" */
export function megabytes(bytes: number): string {
  return `${Math.ceil(bytes / (1024 * 1024)).toLocaleString('en-US')} MB`;
}

/** The refusal (over the limit) or the warning (over the warning level), in words; null when neither. */
export function memoryMessage(spec: NetworkSpec, batchSize: number): { level: 'refuse' | 'warn'; message: string } | null {
  const bytes = activationBytes(spec, batchSize);
  const batch = `a batch of ${Math.max(1, Math.floor(batchSize)).toLocaleString('en-US')}`;
  if (bytes > MAX_ACTIVATION_BYTES) {
    return {
      level: 'refuse',
      message: `This network needs about ${megabytes(bytes)} of memory for ${batch}; the limit is ${megabytes(MAX_ACTIVATION_BYTES)}. Use a smaller batch, fewer filters, or a stride or pool earlier.`
    };
  }
  if (bytes > WARN_ACTIVATION_BYTES) {
    return { level: 'warn', message: `This network needs about ${megabytes(bytes)} of memory for ${batch}: training will be slow and the tab large.` };
  }
  return null;
}
