/**
 * The buffers the engine computes on. Training uses Float32Array (as tfjs does); the gradient-check
 * tests run the very same code on Float64Array so the comparison with finite differences is tight.
 */
export type Vec = Float32Array | Float64Array;

export type VecCtor = Float32ArrayConstructor | Float64ArrayConstructor;
