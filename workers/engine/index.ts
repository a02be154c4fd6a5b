/**
 * The engine's one public entry: what the worker, the benchmark and the page use. The page (src/) may
 * import the engine only from here (an eslint rule enforces it); everything here is DOM-free.
 */
// Building and training a network
export { compile, SpecError } from './compile';
export type { Program, ProgramGroup, ProgramEdge } from './compile';
export { Trainer } from './trainer';
export type { TrainProgress } from './trainer';
export { TrainingSession } from './session';
export type { Tick } from './session';
export { DISCRETE_INPUT_REST_MS, restAfterSnapshot, restForInput, TEACHING_PACE } from './pacer';
export { DEFAULT_SETTINGS, validateSettings } from './settings';
export { defaultSchedule, scheduleCurve, scheduledRate, scheduleProblems, scheduleSpan, SCHEDULE_KINDS } from './schedule';
export { carryParams } from './carry-params';
export { topologicalOrder } from './topological';
// Image shapes and parameter counts (the one copy of the rules; the page's editor and summary use it)
export { inferShapes, outputSide, padBefore, shapeText } from './shapes';
export type { ShapeReport, ShapeProblem } from './shapes';
export { activationBytes, memoryMessage, MAX_ACTIVATION_BYTES, WARN_ACTIVATION_BYTES } from './memory';
// What a network may be made of, and the math the page's panels show
export { ACTIVATIONS, ACTIVATION_INFO, INITIALIZERS, LAYER_KINDS, LOSSES, OPTIMIZERS } from './registry';
export type { ActivationInfo } from './registry';
export { LEAKY_RELU_ALPHA, PRELU_INIT, ELU_ALPHA } from './activations';
export { lossValue, LOSS_EPSILON } from './losses';
export type { LossOptions } from './losses';
export { featureValue } from './features';
export { edgeLayout, groupLayout, kernelIndex, paramIndex, unitIndex } from './param-ref';
export { classificationReport, rowNormalise, regressionReport, binaryCounts, confusionMatrix } from './metrics';
export type { ClassificationReport, ClassScores, RegressionReport } from './metrics';
export { numericDerivative, numericGradient } from './numeric';
export { gdF, gdDf, gdPath } from './gd1d';
export type { GdStep } from './gd1d';
// The one seeded PRNG of the project (data, initialisation, shuffling, dropout)
export { createRng } from './random';
export type { Rng } from './random';
// Which kernels run (WebAssembly SIMD or JS), for the benchmark and the README's check
export { kernelPath } from './kernels';
export type { KernelPath } from './kernels';
