/**
 * How wide a chart's y axis must be: uPlot's tick length and gap, plus its widest tick label in the axis
 * font, plus a few pixels for font differences. Pure (the measuring is passed in) so it can be tested.
 */

/** uPlot's default axis font. */
export const AXIS_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';
/** uPlot's default tick length (10) and gap between tick and label (5). */
const TICK_AND_GAP = 10 + 5;
const SPARE = 6;
const MIN_AXIS = 40;

/** `measure`: a label's width in pixels in AXIS_FONT. A loss of 10,000 needs more room than 0.5; "100%" must keep its "1". */
export function yAxisWidth(values: readonly (string | null)[] | null, measure: (text: string) => number): number {
  const widest = (values ?? []).reduce((w, v) => Math.max(w, v ? measure(v) : 0), 0);
  return Math.max(MIN_AXIS, Math.ceil(TICK_AND_GAP + widest + SPARE));
}

let context: CanvasRenderingContext2D | null | undefined;

/** Measures in AXIS_FONT on a scratch canvas; about 8 px a character where no canvas can measure. */
export function measureAxisLabel(text: string): number {
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return text.length * 8;
  context.font = AXIS_FONT;
  return context.measureText(text).width;
}
