/**
 * Cell colours for the confusion matrix: white for 0 through the playground's blue for 1,
 * with the text colour chosen so the number stays readable on its cell.
 */

const LOW = [248, 250, 252]; // slate-50
const HIGH = [8, 119, 189]; // --color-pos

/** Interpolates white → blue for a share in [0, 1] (clamped; NaN counts as 0). */
export function cellColour(share: number): string {
  const t = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
  const c = LOW.map((lo, k) => Math.round(lo + (HIGH[k] - lo) * t));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** WCAG relative luminance of an sRGB colour given as 0..255 channels. */
function luminance(r: number, g: number, b: number): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Dark or white text, whichever contrasts more with the cell colour of this share. */
export function textColour(share: number): string {
  const t = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
  const c = LOW.map((lo, k) => lo + (HIGH[k] - lo) * t);
  const bg = luminance(c[0], c[1], c[2]);
  const contrastWhite = 1.05 / (bg + 0.05);
  const contrastDark = (bg + 0.05) / (luminance(15, 23, 42) + 0.05);
  return contrastWhite > contrastDark ? '#ffffff' : '#0f172a';
}

/**
 * The share each cell's colour encodes: the row-normalised value when shown normalised,
 * else the count relative to the largest count (so the counts view still has a scale).
 */
export function cellShares(confusion: Int32Array, classCount: number, normalised: Float64Array | null): Float64Array {
  const out = new Float64Array(classCount * classCount);
  if (normalised) {
    out.set(normalised);
    return out;
  }
  let max = 0;
  for (let i = 0; i < confusion.length; i++) max = Math.max(max, confusion[i]);
  for (let i = 0; i < out.length; i++) out[i] = max === 0 ? 0 : confusion[i] / max;
  return out;
}
