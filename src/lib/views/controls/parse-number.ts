/** Reads a number typed by a person, or says in words why it is not acceptable. Pure. */
export interface NumberRule {
  min?: number;
  max?: number;
  /** whole numbers only */
  integer?: boolean;
  /** min itself is not allowed (e.g. a learning rate of 0) */
  exclusiveMin?: boolean;
}

export type ParsedNumber = { ok: true; value: number } | { ok: false; hint: string };

export function parseNumber(text: string, rule: NumberRule = {}): ParsedNumber {
  // A typographic minus (−) pasted from a text is still a minus.
  const trimmed = text.trim().replace(/^−/, '-');
  if (trimmed === '') return { ok: false, hint: 'Type a number.' };
  // Number('') and Number(' ') are 0 and Number('0x10') is 16: accept only plain decimal notation.
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) {
    return { ok: false, hint: `“${trimmed.slice(0, 20)}” is not a number.` };
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, hint: 'That number is too large.' };
  if (rule.integer && !Number.isInteger(value)) return { ok: false, hint: 'Use a whole number.' };
  const { min, max } = rule;
  if (min !== undefined && (rule.exclusiveMin ? value <= min : value < min)) {
    return { ok: false, hint: rule.exclusiveMin ? `Must be greater than ${min}.` : `Must be at least ${min}.` };
  }
  if (max !== undefined && value > max) return { ok: false, hint: `Must be at most ${max}.` };
  return { ok: true, value };
}
