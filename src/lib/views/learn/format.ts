/**
 * Number formatting for the learning views. One place decides how a ratio, a count or a
 * measured value reads, so the panels agree with each other and with the course's figures.
 */

/** A ratio in [0, 1] as a whole percentage: 0.4 → '40%', 2/7 → '29%'. Non-finite values read '—'. */
export function formatPercent(ratio: number, decimals = 0): string {
  if (!Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(decimals)}%`;
}

/** A count with thousands separators, independent of the browser's locale: 407050 → '407,050'. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const sign = n < 0 ? '-' : '';
  const digits = Math.round(Math.abs(n)).toString();
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A measured value with a fixed number of significant digits, switching to exponent notation
 * for very large or very small magnitudes so a diverging loss stays readable.
 */
export function formatValue(x: number, digits = 4): string {
  if (Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const mag = Math.abs(x);
  if (mag >= 1e6 || mag < 1e-4) return x.toExponential(digits - 1);
  // toPrecision, then drop trailing zeros so 0.5000 reads 0.5
  const s = x.toPrecision(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** A value with a fixed number of decimals (the step tables: 1.8987, -2.64872). */
export function formatFixed(x: number, decimals: number): string {
  if (Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (Math.abs(x) >= 1e9) return x.toExponential(3);
  const s = x.toFixed(decimals);
  // -0.0000 would suggest a sign that rounding erased
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** A signed change, always with its sign: +0.0123, −0.5. */
export function formatDelta(x: number, digits = 4): string {
  const s = formatValue(x, digits);
  if (x > 0) return `+${s}`;
  return s;
}
