import { describe, expect, it } from 'vitest';
import { checkSaveName, MAX_SAVE_NAME, savedAgo } from './save-name';

describe('checkSaveName', () => {
  it('trims and collapses spaces', () => {
    expect(checkSaveName('  XOR   with  2 layers ')).toEqual({ ok: true, name: 'XOR with 2 layers' });
  });
  it('refuses empty and over-long names with a hint', () => {
    expect(checkSaveName('   ')).toEqual({ ok: false, hint: 'Give the save a name.' });
    expect(checkSaveName('a'.repeat(MAX_SAVE_NAME + 1))).toEqual({ ok: false, hint: 'At most 80 characters (this is 81).' });
    expect(checkSaveName('a'.repeat(MAX_SAVE_NAME)).ok).toBe(true);
  });
});

describe('savedAgo', () => {
  const now = Date.UTC(2026, 10, 25, 12, 0, 0);
  it('says how long ago, then the date', () => {
    expect(savedAgo(now - 10_000, now)).toBe('just now');
    expect(savedAgo(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(savedAgo(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(savedAgo(Date.UTC(2026, 9, 1), now)).toBe('2026-10-01');
    expect(savedAgo(now + 60_000, now)).toBe('just now');
  });
});
