/**
 * Dragging an item from the palette onto the canvas: a ghost of the new node follows the pointer
 * over the canvas, and releasing there adds the node centred on the pointer and selects it.
 *   idle ──start (palette press)──▶ dragging ──up over the canvas──▶ idle (+ addNode)
 *                                           ──up elsewhere / cancel──▶ idle
 */
import type { Activation, Feature, Padding, PoolMode } from '../../../../workers/protocol';
import type { NetworkDoc, NodeRecord } from '../../model/document';
import { nodeSize } from '../../model/geometry';
import { newId } from '../../model/ids';
import { screenToWorld } from '../camera';
import type { Point } from '../types';
import type { Effect, PointerInput, ToolContext, ToolResult } from './types';

export type PaletteItem =
  | { kind: 'neuron'; activation?: Activation }
  | { kind: 'dense'; units: number; activation?: Activation }
  | { kind: 'input'; feature: Feature; label: string }
  | { kind: 'output'; units: number; activation: Activation }
  | { kind: 'conv'; filters: number; kernelSize: number; stride?: number; padding?: Padding; activation?: Activation }
  | { kind: 'pool'; mode: PoolMode; poolSize: number; stride?: number }
  | { kind: 'flatten' };

export const DEFAULT_DENSE_UNITS = 4;
export const DEFAULT_ACTIVATION: Activation = 'tanh';
/** what a Conv from the palette starts as: 8 filters of 3×3, 'same' padding, ReLU (as most small conv nets) */
export const DEFAULT_CONV = { filters: 8, kernelSize: 3 } as const;
export const DEFAULT_POOL = { mode: 'max', poolSize: 2 } as const;

/** The node a palette item becomes, centred on `at` (world), with an id unused in `doc`. */
export function nodeForItem(item: PaletteItem, at: Point, doc: NetworkDoc): NodeRecord {
  const taken = [...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id)];
  let node: NodeRecord;
  switch (item.kind) {
    case 'neuron':
    case 'dense': {
      const units = item.kind === 'neuron' ? 1 : Math.max(1, Math.round(item.units));
      node = { id: newId('h', taken), kind: 'dense', label: '', x: 0, y: 0, units, activation: item.activation ?? DEFAULT_ACTIVATION };
      break;
    }
    case 'input':
      node = {
        id: newId('in', taken),
        kind: 'input',
        label: item.label,
        x: 0,
        y: 0,
        units: 1,
        activation: 'linear',
        features: [{ ...item.feature }]
      };
      break;
    case 'output':
      node = {
        id: newId('out', taken),
        kind: 'output',
        label: '',
        x: 0,
        y: 0,
        units: Math.max(1, Math.round(item.units)),
        activation: item.activation
      };
      break;
    case 'conv': {
      const filters = Math.max(1, Math.round(item.filters));
      const conv = { filters, kernelSize: item.kernelSize, stride: item.stride ?? 1, padding: item.padding ?? 'same' };
      node = { id: newId('conv', taken), kind: 'conv', label: '', x: 0, y: 0, units: filters, activation: item.activation ?? 'relu', conv };
      break;
    }
    case 'pool': {
      // Units are display only (one tile per channel); the editor syncs them to the input's channels once wired.
      const pool = { mode: item.mode, poolSize: item.poolSize, stride: item.stride ?? item.poolSize };
      node = { id: newId('pool', taken), kind: 'pool', label: '', x: 0, y: 0, units: 1, activation: 'linear', pool };
      break;
    }
    case 'flatten':
      node = { id: newId('flat', taken), kind: 'flatten', label: '', x: 0, y: 0, units: 1, activation: 'linear' };
      break;
  }
  const size = nodeSize(node);
  return { ...node, x: Math.round(at.x - size.width / 2), y: Math.round(at.y - size.height / 2) };
}

export function itemLabel(item: PaletteItem): string {
  switch (item.kind) {
    case 'neuron':
      return 'neuron';
    case 'dense':
      return `dense ×${item.units}`;
    case 'input':
      return item.label;
    case 'output':
      return 'output';
    case 'conv':
      return `conv ${item.kernelSize}×${item.kernelSize}×${item.filters}`;
    case 'pool':
      return `${item.mode} pool ${item.poolSize}`;
    case 'flatten':
      return 'flatten';
  }
}

export type DropState = { name: 'idle' } | { name: 'dragging'; pointerId: number; item: PaletteItem; gesture: string };

export const DROP_IDLE: DropState = { name: 'idle' };

/** Events of a palette drag: pointer input plus whether the pointer is over the canvas. */
export type DropInput = PointerInput & { overCanvas: boolean };

export function startDrop(pointerId: number, item: PaletteItem, gesture: string): DropState {
  return { name: 'dragging', pointerId, item, gesture };
}

export function dropTool(state: DropState, input: DropInput, context: ToolContext): ToolResult<DropState> {
  if (state.name === 'idle' || input.pointerId !== state.pointerId) return { state, effects: [] };
  if (input.type === 'cancel') return { state: DROP_IDLE, effects: [{ type: 'ghost', ghost: null }] };
  const world = screenToWorld(context.camera, input.screen);
  if (input.type === 'move') {
    if (!input.overCanvas) return { state, effects: [{ type: 'ghost', ghost: null }] };
    const node = nodeForItem(state.item, world, context.doc);
    const size = nodeSize(node);
    const box = { x: node.x, y: node.y, width: size.width, height: size.height };
    return { state, effects: [{ type: 'ghost', ghost: { kind: 'drop', box, label: itemLabel(state.item) } }] };
  }
  if (input.type !== 'up') return { state, effects: [] };
  const effects: Effect[] = [{ type: 'ghost', ghost: null }];
  if (input.overCanvas) {
    const node = nodeForItem(state.item, world, context.doc);
    effects.push({ type: 'change', change: { type: 'addNode', node }, gesture: state.gesture });
    effects.push({ type: 'select', ids: [node.id] });
  }
  return { state: DROP_IDLE, effects };
}
