/**
 * Validation of the teaching panels' number fields: a value is accepted only when it parses
 * completely and lies in range; otherwise the field keeps its last good value and shows the hint.
 */

export type Parsed = { ok: true; value: number } | { ok: false; hint: string };

export interface Range {
  min: number;
  max: number;
  /** exclude the minimum itself (a learning rate must be > 0) */
  minExclusive?: boolean;
}

export function parseNumber(text: string, { min, max, minExclusive = false }: Range): Parsed {
  const t = text.trim().replace(/^−/, '-');
  // Number('') is 0 and Number('1e') is NaN; a full-match pattern keeps "1.5abc" out as well
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) {
    return { ok: false, hint: 'Enter a number, e.g. 0.1' };
  }
  const value = Number(t);
  const low = minExclusive ? value <= min : value < min;
  if (low || value > max) {
    return { ok: false, hint: `Between ${minExclusive ? 'just above ' : ''}${min} and ${max}` };
  }
  return { ok: true, value };
}
