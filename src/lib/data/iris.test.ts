import { describe, expect, it } from 'vitest';
import { irisSource } from './iris';

describe('irisSource', () => {
  it('has 150 rows of 4 measurements and 3 classes of 50', () => {
    const iris = irisSource();
    expect(iris.columns).toHaveLength(4);
    expect(iris.x).toHaveLength(600);
    expect(iris.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    for (const c of [0, 1, 2]) expect(iris.y.filter((v) => v === c)).toHaveLength(50);
    // First flower of the classic table: 5.1, 3.5, 1.4, 0.2, setosa.
    expect(iris.x.slice(0, 4)).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect(iris.y[0]).toBe(0);
  });

  it('holds out a seeded, stratified 30%: 15 of each species', () => {
    const iris = irisSource(7);
    expect(iris.isTest.reduce((s, v) => s + v, 0)).toBe(45);
    for (const c of [0, 1, 2]) expect(iris.isTest.filter((t, i) => t === 1 && iris.y[i] === c)).toHaveLength(15);
    expect(irisSource(7).isTest).toEqual(iris.isTest);
    expect(irisSource(8).isTest).not.toEqual(iris.isTest);
  });
});
