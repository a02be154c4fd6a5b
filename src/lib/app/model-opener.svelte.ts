/**
 * "Open model…" and model files dropped on the canvas: a TF.js or Keras model replaces the network on
 * screen as one undo step, with its trained weights loaded into the trainer (the same path as opening a
 * playground file with weights) and its loss and optimizer when it has them. A refused file changes
 * nothing: the message names the file, the layer and what was expected against what was found.
 */
import type { PlaygroundState } from '../model/playground';
import { formatLimit } from '../limits';
import type { ImportedModel, ModelFileSource } from '../import';
import type { Playground } from './playground.svelte';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What the person reads once a model is open. */
function openedText(imported: ImportedModel, files: readonly { name: string }[]): string {
  const layers = imported.doc.nodes.filter((n) => n.kind !== 'input').length;
  const lines = [
    `Opened ${files.map((f) => f.name).join(' + ')} (${imported.format}): ${layers} layer${layers === 1 ? '' : 's'}, ${formatLimit(imported.params.length)} trained parameters.`,
    ...imported.notes
  ];
  return lines.join(' ');
}

export class ModelOpener {
  /** the last refusal, shown beside the button until a model opens */
  error: string | null = $state(null);
  opening = $state(false);
  readonly #pg: Playground;

  constructor(pg: Playground) {
    this.#pg = pg;
  }

  /** Opens the chosen (or dropped) files as one model; returns whether the network on screen changed. */
  async open(files: readonly File[]): Promise<boolean> {
    if (this.opening || files.length === 0) return false;
    const sources: ModelFileSource[] = files.map((f) => ({ name: f.name, size: f.size, read: async () => new Uint8Array(await f.arrayBuffer()) }));
    this.opening = true;
    try {
      // The importers load on first use: the page's first bundle does not carry them.
      const { importModelFiles } = await import('../import');
      const imported = await this.#pg.busy.during('Opening the model', importModelFiles(sources));
      return await this.#apply(imported, files);
    } catch (error) {
      this.error = `${message(error)} Your network is unchanged.`;
      // Also where a drop on the canvas is seen (the button's line may be out of view).
      this.#pg.notice = { kind: 'error', text: this.error };
      return false;
    } finally {
      this.opening = false;
    }
  }

  async #apply(imported: ImportedModel, files: readonly File[]): Promise<boolean> {
    const pg = this.#pg;
    const current = $state.snapshot(pg.state) as PlaygroundState;
    // The model's regularisation is on its layers (per node), so the network-wide rates start at zero.
    const settings = { ...current.settings, l1: 0, l2: 0, ...imported.settings };
    const opened = await pg.loadState({ ...current, doc: imported.doc, settings }, { params: imported.params, frozen: null });
    if (!opened) {
      this.error = 'The model was read, but the data on screen could not be loaded with it; your network is unchanged.';
      return false;
    }
    this.error = null;
    const trained = pg.layout?.paramCount === imported.params.length && !pg.loadError;
    pg.notice = trained
      ? { kind: 'info', text: openedText(imported, files), action: { label: 'Undo', run: () => pg.undo() } }
      : {
          kind: 'warning',
          text: `${openedText(imported, files)} It cannot train on the data on screen${pg.loadError ? `: ${pg.loadError}` : ''}. Choose data that fits its inputs and outputs; its trained weights are not kept until then.`,
          action: { label: 'Undo', run: () => pg.undo() }
        };
    return true;
  }
}
