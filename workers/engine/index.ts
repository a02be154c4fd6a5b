/** The engine's public API: what the worker, the benchmark and the page's learn panels use. */
export { compile, SpecError } from './compile';
export type { Program, ProgramGroup, ProgramEdge } from './compile';
export { Trainer, validateSettings } from './trainer';
export type { TrainProgress } from './trainer';
export { ACTIVATION_INFO, LEAKY_RELU_ALPHA, PRELU_INIT, ELU_ALPHA } from './activations';
export type { ActivationInfo } from './activations';
export { lossValue, LOSS_EPSILON } from './losses';
export type { LossOptions } from './losses';
export { numericDerivative, numericGradient } from './numeric';
export { gdF, gdDf, gdPath } from './gd1d';
export type { GdStep } from './gd1d';
export { DEFAULT_SETTINGS } from './defaults';
export { kernelPath } from './kernels';
export type { KernelPath } from './kernels';
