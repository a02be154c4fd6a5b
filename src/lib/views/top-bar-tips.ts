/** One-line explanations of the top bar's fields, with the formula where there is one (shown as tooltips). */
export const TIPS = {
  epoch: 'Epochs so far: one epoch is one pass over every training sample.',
  pace: 'How fast training runs, in epochs per second: about one a frame lets you watch the curves grow; "as fast as possible" for long runs.',
  speed: 'Training steps (one batch each) per second, as measured.',
  learningRate: 'Learning rate η: each step moves every weight by −η · ∂loss/∂w.',
  optimizer: 'How a gradient g becomes a step: SGD w ← w − η·g; momentum v ← βv + g, w ← w − η·v; Adam divides by √(mean g²).',
  batch: 'Samples per step: the gradient is the mean over the batch (0 = all training samples, 1 = stochastic).',
  activation: 'The function f of every hidden node: each unit outputs f(Σ wᵢ·xᵢ + b).',
  regularisation: 'A penalty on large weights, added to the loss: L1 = λ·Σ|w|, L2 = λ·Σw².',
  regRate: 'λ, the weight of the penalty: loss + λ·penalty.',
  earlyStop: 'Stop when the test loss has not improved for this many epochs (0 = never stop early).',
  maxEpochs: 'Stop after this many epochs (0 = run until paused).',
  loss: 'What training minimises, e.g. MSE = mean (y − ŷ)², BCE = −mean [y·log ŷ + (1 − y)·log(1 − ŷ)].',
  problem: 'Classification (class labels) or regression (numbers): set by the data.'
} as const;
