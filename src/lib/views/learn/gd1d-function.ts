/**
 * The course's one-dimensional function for the gradient-descent panel, taken from the engine
 * so the panel and the engine's tests share one definition.
 */
import { gdDf, gdF } from '../../../../workers/engine';

export const GD1D = { f: gdF, df: gdDf } as const;
