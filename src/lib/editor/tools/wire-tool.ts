/**
 * The wiring tool: drag from a port to another node's opposite port to connect the two groups densely.
 * Dragging from an output port looks for input ports and the other way round. A wire that cannot exist
 * (same node, into an input, out of the output, already there, or closing a cycle) is refused with a
 * short message at the pointer and changes nothing.
 *
 *   idle ──down on a port──▶ wiring ──up over a valid port──▶ idle (+ addEdge)
 *                                   ──up over a refused port──▶ idle (+ message)
 *                                   ──up elsewhere / cancel──▶ idle
 */
import type { NetworkDoc } from '../../model/document';
import { nodeName, wouldCreateCycle } from '../../model/apply';
import { newId } from '../../model/ids';
import { screenToWorld } from '../camera';
import { hasPort, portPoint } from '../edge-geometry';
import { findPort, nodeAt, type PortSide } from '../hit-test';
import type { Point } from '../types';
import { hitOptions, type Effect, type PointerInput, type ToolContext, type ToolResult } from './types';

export type WireState =
  | { name: 'idle' }
  | {
      name: 'wiring';
      pointerId: number;
      nodeId: string;
      side: PortSide;
      gesture: string;
      /** the port the wire would attach to now, and why it is refused (null: accepted) */
      over: { nodeId: string; side: PortSide; refusal: string | null } | null;
    };

export const WIRE_IDLE: WireState = { name: 'idle' };

/** Why a wire from → to cannot be added, in words; null when it can. */
export function wireRefusal(doc: NetworkDoc, from: string, to: string): string | null {
  const a = doc.nodes.find((n) => n.id === from);
  const b = doc.nodes.find((n) => n.id === to);
  if (!a || !b) return 'That node no longer exists.';
  if (from === to) return 'A node cannot feed itself.';
  if (b.kind === 'input') return `${nodeName(doc, to)} is an input: it takes no incoming wires.`;
  if (a.kind === 'output') return `${nodeName(doc, from)} is the output: no wire can leave it.`;
  if (doc.edges.some((e) => e.from === from && e.to === to)) {
    return `${nodeName(doc, from)} → ${nodeName(doc, to)} is already wired.`;
  }
  const cycle = wouldCreateCycle(doc, from, to);
  if (cycle) return `That wire would close a cycle: ${cycle.map((id) => nodeName(doc, id)).join(' → ')}.`;
  return null;
}

export function startWire(
  input: PointerInput,
  port: { nodeId: string; side: PortSide },
  gesture: string,
  context: ToolContext
): ToolResult<WireState> {
  const state: WireState = { name: 'wiring', pointerId: input.pointerId, ...port, gesture, over: null };
  return { state, effects: [ghostFor(state, screenToWorld(context.camera, input.screen), context)] };
}

/** The wire's ends as (from, to) node ids, whichever port the drag started at. */
function ends(state: Extract<WireState, { name: 'wiring' }>, other: string): [string, string] {
  return state.side === 'out' ? [state.nodeId, other] : [other, state.nodeId];
}

function ghostFor(state: Extract<WireState, { name: 'wiring' }>, pointer: Point, context: ToolContext): Effect {
  const node = context.doc.nodes.find((n) => n.id === state.nodeId);
  if (!node) return { type: 'ghost', ghost: null };
  const anchor = portPoint(node, state.side);
  let end = pointer;
  let status: 'free' | 'ok' | 'refused' = 'free';
  if (state.over) {
    const target = context.doc.nodes.find((n) => n.id === state.over!.nodeId);
    if (target) end = portPoint(target, state.over.side);
    status = state.over.refusal ? 'refused' : 'ok';
  }
  // The ghost always runs from an output (left) to an input (right), like the real wire.
  const [from, to] = state.side === 'out' ? [anchor, end] : [end, anchor];
  return { type: 'ghost', ghost: { kind: 'wire', from, to, status } };
}

/** The port the pointer is aiming at: a port within reach, or the matching port of the node under it. */
function aim(
  state: Extract<WireState, { name: 'wiring' }>,
  world: Point,
  input: PointerInput,
  context: ToolContext
): { nodeId: string; side: PortSide } | null {
  const wanted: PortSide = state.side === 'out' ? 'in' : 'out';
  const port = findPort(context.doc, world, hitOptions(context, input), (_n, side) => side === wanted);
  // A node's own opposite port counts (and is refused with a reason); its body does not, so the wire
  // does not flash 'refused' while it is still leaving its own node.
  if (port) return port;
  const node = nodeAt(context.doc, world);
  if (node && node.id !== state.nodeId) return { nodeId: node.id, side: wanted };
  return null;
}

export function wireTool(state: WireState, input: PointerInput, context: ToolContext): ToolResult<WireState> {
  if (state.name === 'idle' || input.pointerId !== state.pointerId) return { state, effects: [] };
  if (input.type === 'cancel') return { state: WIRE_IDLE, effects: [{ type: 'ghost', ghost: null }] };
  const world = screenToWorld(context.camera, input.screen);
  const aimed = aim(state, world, input, context);
  const over = aimed ? { ...aimed, refusal: refusalFor(state, aimed, context.doc) } : null;
  const next = { ...state, over };
  if (input.type === 'move') return { state: next, effects: [ghostFor(next, world, context)] };
  if (input.type !== 'up') return { state: next, effects: [] };
  const effects: Effect[] = [{ type: 'ghost', ghost: null }];
  if (over && over.refusal) effects.push({ type: 'message', text: over.refusal, at: input.screen });
  else if (over) {
    const [from, to] = ends(state, over.nodeId);
    const taken = [...context.doc.nodes.map((n) => n.id), ...context.doc.edges.map((e) => e.id)];
    const edge = { id: newId('e', taken), from, to };
    effects.push({ type: 'change', change: { type: 'addEdge', edge }, gesture: state.gesture });
  }
  return { state: WIRE_IDLE, effects };
}

function refusalFor(
  state: Extract<WireState, { name: 'wiring' }>,
  aimed: { nodeId: string; side: PortSide },
  doc: NetworkDoc
): string | null {
  const [from, to] = ends(state, aimed.nodeId);
  const refusal = wireRefusal(doc, from, to);
  // Aimed at a node body that lacks the needed port (an input's left side): refuse even if no rule names it.
  const target = doc.nodes.find((n) => n.id === aimed.nodeId);
  if (!refusal && target && !hasPort(target, aimed.side)) return 'Those two ports cannot be joined.';
  return refusal;
}
