/**
 * PyTorch export: a script with the drawn network as an nn.Module, the trained weights inline as a state
 * dict (plain nested lists, so NumPy can read them too), the playground's optimizer, loss, penalties, batch
 * size and seed, and a training loop over the data exported beside it as CSV (data-csv.ts). It continues
 * the same experiment on a GPU, or across machines under torchrun with DistributedDataParallel.
 */
import type { Activation, Loss, Optimizer, ParamLayout, TrainSettings } from '../../../workers/protocol';
import { LEAKY_RELU_ALPHA } from '../../../workers/engine';
import type { NetworkDoc } from '../model/document';
import { DEFAULT_SETTINGS } from '../model/playground';
import { buildPlan, defaultColumns, type DensePlan } from './plan';
import { pyFloat, summariseFeatures, featureCode } from './python-code';
import { pyString } from './python-text';
import { spatialForwardLines, spatialModuleLines, spatialStateLines } from './pytorch-spatial';

export interface PytorchOptions {
  settings?: TrainSettings;
  columns?: string[];
  /** target columns in the CSV (1 for classification: the class index) */
  targets?: number;
  /** classes of a classification table (null for regression) */
  classes?: number | null;
  /** the CSV file name the script reads by default */
  csvName?: string;
  /** epochs the loop runs when the playground sets no limit */
  epochs?: number;
}

/** Activation code applied to a pre-activation expression `z` (prelu uses the layer's own module). */
function activate(layer: DensePlan, z: string): string {
  const map: Record<Activation, string> = {
    linear: z,
    step: `(${z} >= 0).to(torch.float32)`,
    sigmoid: `torch.sigmoid(${z})`,
    tanh: `torch.tanh(${z})`,
    arctan: `torch.atan(${z})`,
    relu: `torch.relu(${z})`,
    leaky_relu: `F.leaky_relu(${z}, ${pyFloat(LEAKY_RELU_ALPHA)})`,
    prelu: `self.${layer.activationName}(${z})`,
    elu: `F.elu(${z})`,
    softplus: `F.softplus(${z})`,
    softmax: `torch.softmax(${z}, dim=1)`
  };
  return map[layer.activation];
}

const OPTIMIZERS: Record<Optimizer, (s: TrainSettings) => string> = {
  sgd: (s) => `torch.optim.SGD(model.parameters(), lr=${pyFloat(s.learningRate)})`,
  momentum: (s) => `torch.optim.SGD(model.parameters(), lr=${pyFloat(s.learningRate)}, momentum=${pyFloat(s.momentum)})`,
  nesterov: (s) => `torch.optim.SGD(model.parameters(), lr=${pyFloat(s.learningRate)}, momentum=${pyFloat(s.momentum)}, nesterov=True)`,
  rmsprop: (s) => `torch.optim.RMSprop(model.parameters(), lr=${pyFloat(s.learningRate)}, alpha=${pyFloat(s.rho)}, eps=${pyFloat(s.epsilon)})`,
  adam: (s) => `torch.optim.Adam(model.parameters(), lr=${pyFloat(s.learningRate)}, betas=(${pyFloat(s.beta1)}, ${pyFloat(s.beta2)}), eps=${pyFloat(s.epsilon)})`
};

/** The loss exactly as the playground reduces it: mean over the batch; per-unit mean, or sum for cross-entropies and ½Σ. */
const LOSSES: Record<Loss, (s: TrainSettings) => string[]> = {
  mse: () => ['return ((y - t) ** 2).mean()'],
  half_sse: () => ['return 0.5 * ((y - t) ** 2).sum(dim=1).mean()'],
  mae: () => ['return (y - t).abs().mean()'],
  bce: () => ['p = y.clamp(EPS, 1 - EPS)', 'return -(t * p.log() + (1 - t) * (1 - p).log()).mean()'],
  cce: () => ['return -(t * y.clamp(EPS, 1 - EPS).log()).sum(dim=1).mean()'],
  sparse_cce: () => ['return -(t * y.clamp(EPS, 1 - EPS).log()).sum(dim=1).mean()'],
  hinge: () => ['return (1 - t * y).clamp(min=0).mean()'],
  squared_hinge: () => ['return ((1 - t * y).clamp(min=0) ** 2).mean()'],
  log_cosh: () => ['d = (y - t).abs()', 'return (d + torch.log1p(torch.exp(-2 * d)) - math.log(2)).mean()'],
  huber: (s) => [`return F.huber_loss(y, t, delta=${pyFloat(s.huberDelta)})`]
};

/** Python lists of float32 literals, nested when `rows` is set (no torch in the literal, so NumPy reads the same dict). */
function pyList(values: Float32Array, rows: number | null, cols: number, indent: string): string {
  const row = (r: number) => `[${Array.from(values.subarray(r * cols, (r + 1) * cols), pyFloat).join(', ')}]`;
  if (rows === null) return row(0);
  return `[\n${Array.from({ length: rows }, (_, r) => `${indent}    ${row(r)},`).join('\n')}\n${indent}]`;
}

/** Our kernel is [in, out]; nn.Linear stores weight as [out, in]. */
function transposed(layer: DensePlan): Float32Array {
  const out = new Float32Array(layer.kernel.length);
  for (let i = 0; i < layer.fanIn; i++) for (let j = 0; j < layer.units; j++) out[j * layer.fanIn + i] = layer.kernel[i * layer.units + j];
  return out;
}

function stateLines(layer: DensePlan): string[] {
  if (layer.layer) return spatialStateLines(layer);
  const lines = [
    `    ${pyString(`${layer.name}.weight`)}: ${pyList(transposed(layer), layer.units, layer.fanIn, '    ')},`,
    `    ${pyString(`${layer.name}.bias`)}: ${pyList(layer.bias, null, layer.units, '    ')},`
  ];
  if (layer.prelu && layer.activationName) lines.push(`    ${pyString(`${layer.activationName}.weight`)}: ${pyList(layer.prelu, null, layer.units, '    ')},`);
  return lines;
}

function penaltyLine(layer: DensePlan, s: TrainSettings): string | null {
  // Pool and flatten have no weights; conv kernels are penalised like Dense ones, as in the engine.
  if (layer.layer && layer.layer.type !== 'conv2d') return null;
  const l1 = s.l1 + layer.l1;
  const l2 = s.l2 + layer.l2;
  const terms: string[] = [];
  if (l1 > 0) terms.push(`${pyFloat(l1)} * model.${layer.name}.weight.abs().sum()`);
  if (l2 > 0) terms.push(`${pyFloat(l2)} * (model.${layer.name}.weight ** 2).sum()`);
  return terms.length ? `        penalty = penalty + ${terms.join(' + ')}` : null;
}

/**
 * The PyTorch script. Throws an Error with a sentence for the person when the weights do not match the document.
 */
export function pytorchCode(doc: NetworkDoc, layout: ParamLayout, params: Float32Array, options: PytorchOptions = {}): string {
  const s = options.settings ?? DEFAULT_SETTINGS;
  const plan = buildPlan(doc, layout, params);
  const columns = options.columns && options.columns.length > 0 ? options.columns : defaultColumns(plan);
  const targets = options.targets ?? plan.output.units;
  const classes = options.classes ?? null;
  const hinge = s.loss === 'hinge' || s.loss === 'squared_hinge';
  const inputNames = plan.inputs.map((i) => i.name).join(', ');
  const epochs = s.maxEpochs > 0 ? s.maxEpochs : (options.epochs ?? 100);

  const out: string[] = [
    '# The network drawn in Axon as a PyTorch module, with its trained weights, optimizer, loss and settings,',
    '# and a training loop that continues the experiment on the data exported beside it.',
    '# Runs with PyTorch 2:  pip install torch numpy',
    `# Usage:  python this_file.py [data.csv]   (default ${pyString(options.csvName ?? 'axon-data.csv')}; on several GPUs or machines,`,
    '# wrap the model in torch.nn.parallel.DistributedDataParallel and start it with torchrun)',
    'import csv',
    'import math',
    'import sys',
    '',
    'import numpy as np',
    'import torch',
    'import torch.nn.functional as F',
    'from torch import nn',
    '',
    `SEED = ${s.seed}`,
    `EPOCHS = ${epochs}`,
    `BATCH_SIZE = ${s.batchSize}  # 0: the whole training set in one batch`,
    `NUM_COLUMNS = ${columns.length}`,
    `NUM_TARGETS = ${targets}`,
    `NUM_CLASSES = ${classes ?? 0}  # 0: regression`,
    'EPS = 1e-7  # probabilities are clipped to [EPS, 1 - EPS] inside logs, as in the playground',
    '',
    '',
    'class AxonNet(nn.Module):',
    '    """The drawn network. A node with several parents is one Linear on their concatenation."""',
    '',
    '    def __init__(self):',
    '        super().__init__()'
  ];
  for (const l of plan.layers) {
    if (l.layer) out.push(...spatialModuleLines(l));
    else out.push(`        self.${l.name} = nn.Linear(${l.fanIn}, ${l.units})`);
    if (l.activation === 'prelu' && l.activationName && !l.layer) out.push(`        self.${l.activationName} = nn.PReLU(${l.units})`);
    if (l.dropoutName) out.push(`        self.${l.dropoutName} = nn.Dropout(${pyFloat(l.dropout)})`);
  }
  out.push('', `    def forward(self, ${inputNames}):`);
  for (const input of plan.inputs) {
    out.push(`        # ${input.name}: ${summariseFeatures(input, columns)}`);
    if (input.image) out.push(`        ${input.name} = ${input.name}.permute(0, 3, 1, 2)  # (n, height, width, channels) as stored, to PyTorch's NCHW`);
  }
  for (const l of plan.layers) {
    const source = l.parents.length === 1 ? l.parents[0] : `torch.cat([${l.parents.join(', ')}], dim=1)`;
    if (l.layer) out.push(...spatialForwardLines(l, source, (z) => activate(l, z)));
    else out.push(`        ${l.name} = ${activate(l, `self.${l.name}(${source})`)}`);
    if (l.dropoutName) out.push(`        ${l.name} = self.${l.dropoutName}(${l.name})`);
  }
  out.push(`        return ${plan.output.name}`, '', '');

  out.push('# The weights trained in the playground (nn.Linear weights are [outputs, inputs], nn.Conv2d ones [filters, inputs, k, k]).', 'STATE_DICT = {');
  for (const l of plan.layers) out.push(...stateLines(l));
  out.push('}', '', '');

  out.push('def make_inputs(raw):', `    """raw: a float32 tensor (n, ${columns.length}) of the data columns. Returns the arguments of AxonNet.forward."""`);
  out.push('    raw = raw.numpy()', '    return [');
  for (const input of plan.inputs) out.push(`        torch.from_numpy(np.ascontiguousarray(${featureCode(input)}, dtype="float32")),  # ${input.name}`);
  out.push('    ]', '', '');

  out.push('def make_targets(values):', '    """The CSV target columns as the output layer is trained against."""');
  if (classes !== null) {
    out.push('    labels = values[:, 0].long()', `    off = ${hinge ? '-1.0' : '0.0'}`);
    out.push(
      plan.output.units === 1
        ? '    return torch.where(labels == 1, 1.0, off).unsqueeze(1)'
        : '    return torch.where(F.one_hot(labels, NUM_CLASSES) == 1, 1.0, off)'
    );
  } else {
    out.push('    return values');
  }
  out.push('', '');

  out.push('def loss_fn(y, t):', '    """The playground\'s loss, reduced the same way."""');
  for (const line of LOSSES[s.loss](s)) out.push(`    ${line}`);
  out.push('', '');

  out.push(
    'def read_csv(path):',
    '    """Columns by position: the data columns, the target(s), then split (train / test)."""',
    '    with open(path, newline="", encoding="utf-8") as f:',
    '        rows = list(csv.reader(f))[1:]',
    '    values = torch.tensor([[float(v) for v in row[: NUM_COLUMNS + NUM_TARGETS]] for row in rows], dtype=torch.float32)',
    '    test = torch.tensor([row[NUM_COLUMNS + NUM_TARGETS] == "test" for row in rows])',
    '    return values[:, :NUM_COLUMNS], make_targets(values[:, NUM_COLUMNS:]), test',
    '',
    '',
    'def main(path):',
    '    torch.manual_seed(SEED)',
    '    device = "cuda" if torch.cuda.is_available() else "cpu"',
    '    model = AxonNet()',
    '    model.load_state_dict({name: torch.tensor(value) for name, value in STATE_DICT.items()})',
    '    model.to(device)',
    `    optimizer = ${OPTIMIZERS[s.optimizer](s)}`,
    '    raw, targets, test = read_csv(path)',
    '    inputs = [x.to(device) for x in make_inputs(raw)]',
    '    targets = targets.to(device)',
    '    train = (~test).nonzero().squeeze(1)',
    '    size = BATCH_SIZE if BATCH_SIZE > 0 else len(train)',
    '    for epoch in range(1, EPOCHS + 1):',
    '        model.train()',
    '        order = train[torch.randperm(len(train))]',
    '        for start in range(0, len(order), size):',
    '            batch = order[start : start + size]',
    '            y = model(*[x[batch] for x in inputs])',
    '            penalty = torch.zeros((), device=device)'
  );
  const penalties = plan.layers.map((l) => penaltyLine(l, s)).filter((l): l is string => l !== null);
  for (const p of penalties) out.push(`    ${p}`);
  out.push(
    '            loss = loss_fn(y, targets[batch]) + penalty',
    '            optimizer.zero_grad()',
    '            loss.backward()',
    '            optimizer.step()',
    '        model.eval()',
    '        with torch.no_grad():',
    '            report = f"epoch {epoch}: train loss {loss_fn(model(*[x[train] for x in inputs]), targets[train]).item():.4f}"',
    '            if test.any():',
    '                held = test.nonzero().squeeze(1)',
    '                report += f", test loss {loss_fn(model(*[x[held] for x in inputs]), targets[held]).item():.4f}"',
    '        print(report)',
    '    torch.save(model.state_dict(), "axon_model.pt")',
    '',
    '',
    'if __name__ == "__main__":',
    `    main(sys.argv[1] if len(sys.argv) > 1 else ${pyString(options.csvName ?? 'axon-data.csv')})`
  );
  return `${out.join('\n')}\n`;
}
