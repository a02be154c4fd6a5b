/** The README's "Limits" table must state each limit of limits.ts with its current value. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as limits from './limits';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## Limits'), readme.indexOf('\n## ', readme.indexOf('## Limits') + 1));

/** How the README writes a limit: sizes in MB, magnitudes as ±1e+15, counts with thousands separators. */
function written(name: string, value: number): string {
  if (name.endsWith('_BYTES')) return limits.formatMegabytes(value);
  if (name === 'MAX_DATA_MAGNITUDE') return `±${limits.formatLimit(value)}`;
  return limits.formatLimit(value);
}

const constants = Object.entries(limits).filter((entry): entry is [string, number] => typeof entry[1] === 'number');

describe('the README lists every limit', () => {
  it('has a Limits section', () => {
    expect(section.startsWith('## Limits')).toBe(true);
    expect(constants.length).toBeGreaterThanOrEqual(14);
  });

  it.each(constants)('%s', (name, value) => {
    const row = section.split('\n').find((line) => line.includes(`\`${name}\``));
    expect(row, `no README row names ${name}`).toBeDefined();
    expect(row!.split('|').map((cell) => cell.trim())).toContain(written(name, value));
  });
});
