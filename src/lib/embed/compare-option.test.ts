import { describe, expect, it } from 'vitest';
import { formatCompare, parseCompare } from './compare-option';
import { parseEmbedParams } from './params';

describe('parseCompare', () => {
  it('reads a setting and two values, run A first', () => {
    expect(parseCompare('optimizer:sgd,adam')).toEqual({ option: { name: 'optimizer', values: ['sgd', 'adam'] } });
    expect(parseCompare('learningrate: 0.3 , 0.03')).toEqual({ option: { name: 'learningRate', values: [0.3, 0.03] } });
    expect(parseCompare('activation:ReLU,tanh')).toEqual({ option: { name: 'activation', values: ['relu', 'tanh'] } });
    expect(parseCompare('batchSize:1,0')).toEqual({ option: { name: 'batchSize', values: [1, 0] } });
  });

  it('explains what is wrong, value by value, with the same limits as setParam', () => {
    expect(parseCompare('optimizer')).toEqual({ problem: 'compare: "optimizer" is not like optimizer:sgd,adam.' });
    expect(parseCompare('seed:1,2')).toMatchObject({ problem: expect.stringMatching(/^compare: unknown setting "seed" \(known: optimizer, /) });
    expect(parseCompare('optimizer:sgd')).toEqual({ problem: 'compare: give exactly two values for optimizer, e.g. optimizer:a,b.' });
    expect(parseCompare('optimizer:sgd,adam,rmsprop')).toMatchObject({ problem: expect.stringContaining('exactly two') });
    expect(parseCompare('optimizer:sgd,lion')).toMatchObject({ problem: expect.stringMatching(/^compare: optimizer "lion" is not one of sgd, .*adam\.$/) });
    expect(parseCompare('learningRate:0.1,')).toEqual({ problem: 'compare: learningRate has an empty value.' });
    expect(parseCompare('learningRate:0.1,50')).toEqual({ problem: 'compare: learningRate "50": must be at most 10 (got 50).' });
    expect(parseCompare('learningRate:fast,0.1')).toEqual({ problem: 'compare: learningRate "fast": expected a number, got NaN.' });
    expect(parseCompare('batchSize:1.5,2')).toEqual({ problem: 'compare: batchSize "1.5": expected a whole number, got 1.5.' });
  });

  it('formats back to the URL value', () => {
    const read = parseCompare('learningRate:0.3,0.03');
    expect('option' in read && formatCompare(read.option)).toBe('learningRate:0.3,0.03');
  });
});

describe('the compare embed option', () => {
  it('is parsed with the other options, and a bad one is a warning, not a comparison', () => {
    expect(parseEmbedParams('embed=1&compare=optimizer:sgd,adam').compare).toEqual({ name: 'optimizer', values: ['sgd', 'adam'] });
    expect(parseEmbedParams('embed=1').compare).toBeNull();
    const bad = parseEmbedParams('embed=1&compare=optimizer:sgd,lion');
    expect(bad.compare).toBeNull();
    expect(bad.warnings).toHaveLength(1);
  });
});
