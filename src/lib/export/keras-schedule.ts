/**
 * The learning-rate schedule in the Keras export, as a `keras.optimizers.schedules.LearningRateSchedule`.
 * The playground counts epochs, Keras counts optimizer steps: every length is multiplied by the steps in
 * one epoch (⌈training samples / batch size⌉), so the exported schedule follows the same curve.
 */
import type { LrSchedule } from '../../../workers/protocol';
import { pyFloat } from './python-code';

export interface ScheduleCode {
  /** lines that define `lr_schedule` (and the triangular class when needed) */
  lines: string[];
  /** what goes into the optimizer's learning_rate= */
  argument: string;
}

/** Steps in one epoch for this many training samples and batch size (0 = the whole set in one batch). */
export function stepsPerEpoch(trainCount: number, batchSize: number): number {
  if (batchSize <= 0 || trainCount <= 0) return 1;
  return Math.max(1, Math.ceil(trainCount / Math.min(batchSize, trainCount)));
}

const TRIANGULAR_CLASS = [
  'class Triangular(keras.optimizers.schedules.LearningRateSchedule):',
  '    """Triangular cyclical learning rate (Smith, 2017): from initial to maximal and back every 2 * step_size steps."""',
  '',
  '    def __init__(self, initial_learning_rate, maximal_learning_rate, step_size):',
  '        self.initial_learning_rate = initial_learning_rate',
  '        self.maximal_learning_rate = maximal_learning_rate',
  '        self.step_size = step_size',
  '',
  '    def __call__(self, step):',
  '        step = tf.cast(step, tf.float32)',
  '        cycle = tf.floor(1 + step / (2 * self.step_size))',
  '        x = tf.abs(step / self.step_size - 2 * cycle + 1)',
  '        return self.initial_learning_rate + (self.maximal_learning_rate - self.initial_learning_rate) * tf.maximum(0.0, 1 - x)',
  '',
  '    def get_config(self):',
  '        return {',
  '            "initial_learning_rate": self.initial_learning_rate,',
  '            "maximal_learning_rate": self.maximal_learning_rate,',
  '            "step_size": self.step_size,',
  '        }'
];

/** Python for the schedule, or null for a constant rate (the optimizer then takes the number). */
export function scheduleCode(learningRate: number, schedule: LrSchedule | undefined, steps: number): ScheduleCode | null {
  if (!schedule || schedule.kind === 'constant') return null;
  const lr = pyFloat(learningRate);
  const header = [
    `# The learning-rate schedule of the playground, which counts epochs; Keras counts steps (${steps} per epoch here:`,
    '# training samples / batch size, rounded up).',
    `STEPS_PER_EPOCH = ${steps}`
  ];
  const lines = (() => {
    switch (schedule.kind) {
      case 'step':
        return [
          `# Step decay: the rate is multiplied by ${pyFloat(schedule.factor)} every ${pyFloat(schedule.every)} epochs.`,
          `lr_schedule = keras.optimizers.schedules.ExponentialDecay(initial_learning_rate=${lr}, decay_steps=${pyFloat(schedule.every)} * STEPS_PER_EPOCH, decay_rate=${pyFloat(schedule.factor)}, staircase=True)`
        ];
      case 'exponential':
        return [
          `lr_schedule = keras.optimizers.schedules.ExponentialDecay(initial_learning_rate=${lr}, decay_steps=${pyFloat(schedule.every)} * STEPS_PER_EPOCH, decay_rate=${pyFloat(schedule.factor)})`
        ];
      case 'cosine':
        return [
          `lr_schedule = keras.optimizers.schedules.CosineDecay(initial_learning_rate=${lr}, decay_steps=int(${pyFloat(schedule.epochs)} * STEPS_PER_EPOCH), alpha=${pyFloat(schedule.alpha)})`
        ];
      case 'cyclical':
        return [
          ...TRIANGULAR_CLASS,
          '',
          '',
          `lr_schedule = Triangular(initial_learning_rate=${lr}, maximal_learning_rate=${pyFloat(schedule.maxRate)}, step_size=${pyFloat(schedule.halfCycle)} * STEPS_PER_EPOCH)`
        ];
    }
  })();
  return { lines: [...header, ...lines], argument: 'lr_schedule' };
}
