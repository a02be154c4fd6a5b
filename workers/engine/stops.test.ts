import { describe, expect, it } from 'vitest';
import type { EpochRecord } from '../protocol';
import { instability, INSTABILITY_WINDOW as WINDOW } from './stops';

const curve = (losses: number[]): EpochRecord[] =>
  losses.map((trainLoss, i) => ({ epoch: i + 1, trainLoss, testLoss: trainLoss, trainAccuracy: NaN, testAccuracy: NaN }));

describe('instability', () => {
  it('says nothing while the loss falls, or before a full window', () => {
    expect(instability(curve(Array.from({ length: 50 }, (_, i) => 0.7 / (1 + i))), 0.7, 0.03)).toBeNull();
    expect(instability(curve(Array(WINDOW - 1).fill(5)), 0.7, 10)).toBeNull();
  });

  it('pauses when the loss stays well above where it started', () => {
    const jumpy = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 0.5 : 3.4));
    const message = instability(curve(jumpy), 0.69, 10);
    expect(message).toMatch(/unstable/);
    expect(message).toContain('median 3.400');
    expect(message).toContain('(now 10)');
  });

  it('tolerates a loss that wobbles just above the start', () => {
    expect(instability(curve(Array(30).fill(0.75)), 0.69, 0.3)).toBeNull();
  });
});
