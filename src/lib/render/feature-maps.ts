/**
 * The conv layer of the network canvas: for image networks, each image input, conv and pool node draws its
 * feature maps for one sample (a stack of thumbnails, one per channel, where the node's units sit), and every
 * node gets a caption with its output shape and parameter count, plus the reason when it has a problem.
 * Dense-only networks draw nothing here. One canvas texture per node, painted in place when new maps arrive;
 * pixi objects are made once per node and destroyed with it, in reverse order.
 */
import { Container, Sprite, Text, Texture } from 'pixi.js';
import type { FeatureMaps } from '../../../workers/protocol';
import { isImageNetwork, nodeShapes, shapeCaption, type NodeShape } from '../editor/conv-shapes';
import { mapTiles } from '../editor/map-tiles';
import type { NetworkDoc, NodeRecord } from '../model/document';
import { isBlock, nodeSize } from '../model/geometry';
import type { Problem } from '../model/validate';
import { channelRgba } from './map-image';
import { creationStats } from './node-view';
import { COLORS, cssColor } from './style';

/** Canvas pixels per world unit of a node's map texture: crisp at the zoom people use to look at maps. */
const TEXTURE_SCALE = 2;

interface NodeMaps {
  canvas: HTMLCanvasElement;
  texture: Texture;
  sprite: Sprite;
  caption: Text;
  problem: Text;
}

export interface ConvLayer {
  /** true when what it draws changed */
  setDoc(doc: NetworkDoc, problems: Problem[]): boolean;
  setMaps(maps: FeatureMaps | null): boolean;
  destroy(): void;
}

function makeText(size: number, fill: number, wrap: boolean): Text {
  creationStats.objects++;
  const text = new Text({
    text: '',
    style: { fontFamily: 'system-ui, sans-serif', fontSize: size, fill, align: 'center', wordWrap: wrap, wordWrapWidth: 170 },
    resolution: 3
  });
  text.eventMode = 'none';
  text.anchor.set(0.5, 0);
  return text;
}

/** What decides the captions: everything but positions (a drag does not recompute shapes). */
function structureKey(doc: NetworkDoc, problems: Problem[]): string {
  const nodes = doc.nodes.map((n) => [n.id, n.kind, n.units, n.activation, n.label, n.conv, n.pool, n.image]);
  return JSON.stringify([nodes, doc.edges, problems]);
}

export function createConvLayer(parent: Container): ConvLayer {
  const layer = new Container();
  layer.eventMode = 'none';
  parent.addChild(layer);
  creationStats.objects++;
  const views = new Map<string, NodeMaps>();
  const scratch = document.createElement('canvas');
  let doc: NetworkDoc = { nodes: [], edges: [] };
  let key = '';
  let shapes = new Map<string, NodeShape>();
  let reasons = new Map<string, string>();
  let imageNetwork = false;
  let maps: FeatureMaps | null = null;

  const create = (): NodeMaps => {
    const canvas = document.createElement('canvas');
    const texture = Texture.from(canvas);
    const sprite = new Sprite(texture);
    sprite.eventMode = 'none';
    const caption = makeText(10, COLORS.badge, false);
    const problem = makeText(10, COLORS.problem, true);
    layer.addChild(sprite, caption, problem);
    creationStats.objects += 2;
    return { canvas, texture, sprite, caption, problem };
  };

  const destroyView = (view: NodeMaps) => {
    view.problem.destroy();
    view.caption.destroy();
    view.sprite.destroy();
    view.texture.destroy(true);
  };

  /** Paint the node's channels into its texture; hides the sprite when there is nothing to show. */
  const paint = (node: NodeRecord, view: NodeMaps) => {
    const group = maps?.groups.find((g) => g.id === node.id);
    view.sprite.visible = !!group;
    if (!group) return;
    const { width, height } = nodeSize(node);
    const { canvas } = view;
    if (canvas.width !== width * TEXTURE_SCALE || canvas.height !== height * TEXTURE_SCALE) {
      canvas.width = width * TEXTURE_SCALE;
      canvas.height = height * TEXTURE_SCALE;
    }
    const ctx = canvas.getContext('2d')!;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    // A block's own caption ("16 units") sits under the tiles: cover it.
    if (isBlock(node)) {
      ctx.fillStyle = cssColor(COLORS.blockFill);
      ctx.fillRect(1, 1, canvas.width - 2, canvas.height - 2);
    }
    const { shape, values } = group;
    scratch.width = shape.width;
    scratch.height = shape.height;
    const sctx = scratch.getContext('2d')!;
    ctx.imageSmoothingEnabled = false;
    mapTiles(node, shape.channels).forEach((box, channel) => {
      sctx.putImageData(new ImageData(channelRgba(values, shape, channel), shape.width, shape.height), 0, 0);
      const s = TEXTURE_SCALE;
      ctx.drawImage(scratch, box.x * s, box.y * s, box.width * s, box.height * s);
    });
    view.texture.source.resize(canvas.width, canvas.height);
    view.texture.source.update();
    view.sprite.width = width;
    view.sprite.height = height;
  };

  const place = (node: NodeRecord, view: NodeMaps) => {
    const { width, height } = nodeSize(node);
    view.sprite.position.set(node.x, node.y);
    view.caption.position.set(node.x + width / 2, node.y + height + 17);
    view.problem.position.set(node.x + width / 2, node.y + height + (view.caption.text ? 30 : 17));
  };

  const reconcile = (): boolean => {
    let changed = false;
    const seen = new Set<string>();
    for (const node of imageNetwork ? doc.nodes : []) {
      seen.add(node.id);
      let view = views.get(node.id);
      if (!view) {
        view = create();
        views.set(node.id, view);
        changed = true;
      }
      const caption = shapeCaption(node, shapes.get(node.id), imageNetwork);
      const reason = reasons.get(node.id) ?? '';
      if (view.caption.text !== caption || view.problem.text !== reason) {
        view.caption.text = caption;
        view.problem.text = reason;
        changed = true;
      }
      place(node, view);
    }
    for (const [id, view] of views) {
      if (seen.has(id)) continue;
      destroyView(view);
      views.delete(id);
      changed = true;
    }
    return changed;
  };

  const repaint = () => {
    for (const node of doc.nodes) {
      const view = views.get(node.id);
      if (view) paint(node, view);
    }
  };

  return {
    setDoc(next, problems) {
      const nextKey = structureKey(next, problems);
      const structural = nextKey !== key;
      doc = next;
      if (structural) {
        key = nextKey;
        imageNetwork = isImageNetwork(next);
        shapes = imageNetwork ? nodeShapes(next) : new Map();
        reasons = new Map();
        for (const p of problems) for (const id of p.nodeIds) if (!reasons.has(id)) reasons.set(id, p.message);
        // Shape problems (from the engine's inferShapes) are marked on their node too, whatever validate says.
        for (const [id, shape] of shapes) if (shape.problem && !reasons.has(id)) reasons.set(id, shape.problem);
      }
      const changed = reconcile();
      if (structural) repaint();
      return changed || structural || views.size > 0;
    },
    setMaps(next) {
      maps = next;
      repaint();
      return views.size > 0;
    },
    destroy() {
      for (const view of [...views.values()].reverse()) destroyView(view);
      views.clear();
      layer.destroy();
    }
  };
}
