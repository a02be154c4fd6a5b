/**
 * The wires: one Graphics per dense edge, cleared and redrawn when what it shows changes.
 * Each unit→unit link is a Bézier whose width follows |w| and whose colour is the weight's sign;
 * a wire with too many links (or touching a block) is one band whose shade follows mean |w|.
 * Weights are drawn quantised (weightLevel), and an edge whose levels are all unchanged is not redrawn:
 * while training, most snapshots move most weights by less than a visible step.
 */
import { Graphics, type Container } from 'pixi.js';
import { portPoint, sampleCurve, unitAnchor } from '../editor/edge-geometry';
import { linksAreSeparate } from '../editor/hit-test';
import type { Point } from '../editor/types';
import type { EdgeLayout } from '../../../workers/protocol';
import type { EdgeRecord, NodeRecord } from '../model/document';
import { NEGATIVE_COLOR, POSITIVE_COLOR } from './heatmap';
import { creationStats } from './node-view';
import { bandColor, COLORS, levelsHash, levelWeight, linkAlpha, LINK_SAMPLES, linkSamples, linkWidth, weightLevel } from './style';

export interface EdgeView {
  graphics: Graphics;
  /** what it was last drawn from */
  key: string;
}

export function createEdgeView(parent: Container): EdgeView {
  const graphics = new Graphics();
  graphics.eventMode = 'none';
  creationStats.objects++;
  parent.addChild(graphics);
  return { graphics, key: '' };
}

const scratch = new Float32Array(LINK_SAMPLES * 2);

export function curveTo(g: Graphics, p0: Point, p1: Point): Graphics {
  const samples = linkSamples(p0, p1);
  const pts = sampleCurve(p0, p1, samples, scratch);
  g.moveTo(pts[0], pts[1]);
  for (let k = 2; k < 2 * samples; k += 2) g.lineTo(pts[k], pts[k + 1]);
  return g;
}

export interface EdgeWeights {
  params: Float32Array;
  layout: EdgeLayout;
}

/** Redraw the edge if anything it depends on changed since the last time. */
export function updateEdgeView(
  view: EdgeView,
  edge: EdgeRecord,
  from: NodeRecord,
  to: NodeRecord,
  weights: EdgeWeights | null
): boolean {
  const valid =
    weights !== null && weights.layout.fromUnits === from.units && weights.layout.toUnits === to.units;
  const separate = linksAreSeparate(from, to);
  const shown = valid ? (separate ? levelsHash(weights.params, weights.layout.offset, weights.layout.fromUnits * weights.layout.toUnits) : `b${bandLevel(weights)}`) : 'none';
  const key = `${from.x},${from.y},${from.units},${from.kind},${to.x},${to.y},${to.units},${to.kind},${shown}`;
  if (key === view.key) return false;
  view.key = key;
  const g = view.graphics;
  g.clear();
  if (!separate) {
    drawBand(g, from, to, valid ? weights : null);
    return true;
  }
  for (let i = 0; i < from.units; i++) {
    const p0 = unitAnchor(from, i, 'out');
    for (let j = 0; j < to.units; j++) {
      const p1 = unitAnchor(to, j, 'in');
      if (valid) {
        const level = weightLevel(weights.params[weights.layout.offset + i * weights.layout.toUnits + j]);
        const w = levelWeight(level);
        curveTo(g, p0, p1).stroke({ width: linkWidth(w), color: level < 0 ? NEGATIVE_COLOR : POSITIVE_COLOR, alpha: linkAlpha(w) });
      } else {
        curveTo(g, p0, p1).stroke({ width: 1, color: COLORS.neutralLink, alpha: 0.6 });
      }
    }
  }
  return true;
}

/** Mean |w| of an edge, as the band shows it. */
function meanAbsWeight(weights: EdgeWeights): number {
  const n = weights.layout.fromUnits * weights.layout.toUnits;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += Math.abs(weights.params[weights.layout.offset + k]);
  return n > 0 ? sum / n : 0;
}

/** The band's shade changes in 1/64 steps of its range: redraw only on a new step. */
function bandLevel(weights: EdgeWeights): number {
  const m = meanAbsWeight(weights);
  return Number.isFinite(m) ? Math.round(Math.min(1, m * 2) * 64) : 0;
}

function drawBand(g: Graphics, from: NodeRecord, to: NodeRecord, weights: EdgeWeights | null): void {
  const p0 = portPoint(from, 'out');
  const p1 = portPoint(to, 'in');
  const meanAbs = weights ? bandLevel(weights) / 128 : 0;
  curveTo(g, p0, p1).stroke({ width: 12, color: weights ? bandColor(meanAbs) : COLORS.neutralLink, alpha: 0.85 });
}

export function destroyEdgeView(view: EdgeView): void {
  view.graphics.destroy();
}
