/** Numbers as the conv detail view's arithmetic shows them. */

/** Three significant figures, a proper minus sign, "0" for zero. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const text = Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return text.replace('-', '−');
}
