/**
 * The canvas editor driven with the mouse, as a person would: read the document, find a port, drag a palette
 * item onto the canvas, wire two nodes port to port. Shared by the editor and conv end-to-end tests.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { NetworkDoc } from '../../src/lib/model/document';

export interface Point {
  x: number;
  y: number;
}

type GestureHooks = {
  __axon: { state: { doc: NetworkDoc } };
  __axonEditor?: { portScreenPoint(id: string, side: 'in' | 'out'): Point | null };
};

export function readDoc(page: Page): Promise<NetworkDoc> {
  // The document is reactive state (proxies): copy it out as plain JSON.
  return page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as GestureHooks).__axon.state.doc)) as NetworkDoc);
}

export async function portPoint(page: Page, id: string, side: 'in' | 'out'): Promise<Point> {
  const p = await page.evaluate(([id, side]) => (window as unknown as GestureHooks).__axonEditor!.portScreenPoint(id, side as 'in' | 'out'), [id, side]);
  if (!p) throw new Error(`no ${side} port on ${id}`);
  return p;
}

/** Press on a palette item, travel onto the canvas and release there; returns the id of the node it added. */
export async function dropFromPalette(page: Page, testid: string, at: Point): Promise<string> {
  const before = (await readDoc(page)).nodes.map((n) => n.id);
  const item = (await page.getByTestId(testid).boundingBox())!;
  await page.mouse.move(item.x + item.width / 2, item.y + item.height / 2);
  await page.mouse.down();
  await page.mouse.move(at.x, at.y, { steps: 8 });
  await page.mouse.up();
  const after = (await readDoc(page)).nodes.map((n) => n.id);
  const added = after.filter((id) => !before.includes(id));
  expect(added).toHaveLength(1);
  return added[0];
}

/** Drag from one node's output port to another's input port with the mouse (the wire may be refused). */
export async function wire(page: Page, from: string, to: string): Promise<void> {
  const a = await portPoint(page, from, 'out');
  const b = await portPoint(page, to, 'in');
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 10 });
  await page.mouse.up();
}
