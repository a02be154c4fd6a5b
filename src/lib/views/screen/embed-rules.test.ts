import { describe, expect, it } from 'vitest';
import { embedRules } from './embed-rules';

describe('embedRules', () => {
  it('shows every panel on the full page', () => {
    const rules = embedRules(null, false);
    expect(rules.show('learn') && rules.show('data')).toBe(true);
    expect(rules.sideBySide).toBe(false);
  });
  it('shows only the listed panels in an embed, network and output side by side', () => {
    const rules = embedRules(new Set(['network', 'output']), true);
    expect([rules.show('network'), rules.show('output'), rules.show('data')]).toEqual([true, true, false]);
    expect(rules.sideBySide).toBe(true);
    expect(embedRules(new Set(['network']), true).sideBySide).toBe(false);
  });
});
