/**
 * Where the playground starts. Two rules keep the learner's work safe:
 * - an embed starts only from what its own URL gives it (a link, a preset, else the default) and never
 *   reads the learner's autosave, so a page that frames Axon cannot read or overwrite their work;
 * - the full app never loses the autosave: a link or preset that replaces it first keeps it as a named
 *   save, a link that cannot be read leaves it on screen, and a damaged autosave is repaired where it can
 *   be and kept, as it was, as a named save.
 */
import { presetById } from '../data/presets';
import { defaultState } from '../model/defaults';
import type { History } from '../model/history';
import type { PlaygroundState } from '../model/playground';
import { decodeState, linkParam, type LinkWeights } from '../model/url';
import type { SavedProgress } from '../model/schema';
import { decodeRecord } from '../store/decode';
import type { SavedRecord } from '../store/record';
import { revisionOf, type Store } from '../store/store';

export interface StartingPoint {
  state: PlaygroundState;
  weights?: LinkWeights;
  /** how far the stored weights trained (epoch counter and curve), to continue from */
  progress?: SavedProgress;
  history?: History;
  /** sentences for the page's notice: what was opened, what could not be read, where the old work went */
  messages: string[];
  /** 'warning' when something could not be read, else 'info' */
  tone: 'info' | 'warning';
  /** the stored autosave's revision this start is based on (0 in an embed) */
  revision: number;
  /** the start came from the address (a link or a preset): the address should be cleaned once it is open */
  fromAddress: boolean;
  /** the stored autosave, when the playground starts as it was stored (nothing to write back yet) */
  stored?: SavedRecord;
}

export interface BootOptions {
  embed: boolean;
  /** the `preset` embed/URL option, already checked for its form */
  preset: string | null;
  search: string;
  hash: string;
  /** the learner's storage; the embed passes null and never touches it */
  store: Store | null;
  now?: Date;
}

/** "30 Nov 2026, 19:42": the date in the names of the saves made on the learner's behalf. */
export function stamp(date: Date): string {
  return date.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

interface Opened {
  state: PlaygroundState | null;
  weights?: LinkWeights;
  warnings: string[];
  what: 'link' | 'preset';
}

async function openAddress(preset: string | null, param: string | null): Promise<Opened | null> {
  if (preset) {
    const found = presetById(preset);
    if (found) return { state: await found.build(), warnings: [], what: 'preset' };
    return { state: null, warnings: [`No preset called "${preset}".`], what: 'preset' };
  }
  if (param === null) return null;
  const decoded = await decodeState(param);
  return { ...decoded, what: 'link' };
}

/** The learner's autosave, repaired where it can be; a damaged one is kept untouched as a named save. */
async function readOwn(store: Store, when: string): Promise<{ record: SavedRecord | null; revision: number; messages: string[] }> {
  const raw = await store.loadCurrent();
  if (raw === null || raw === undefined) return { record: null, revision: 0, messages: [] };
  const decoded = decodeRecord(raw);
  const messages = [...decoded.warnings];
  if (decoded.warnings.length > 0) {
    const name = `Damaged autosave — ${when}`;
    await store.keepRaw(name, raw);
    messages.push(
      decoded.record
        ? `The stored record is kept as it was, as the named save “${name}” (Keep & share).`
        : `A fresh playground was started; the damaged record is kept as the named save “${name}” (Keep & share).`
    );
  }
  return { record: decoded.record, revision: revisionOf(raw), messages };
}

const sameState = (a: PlaygroundState, b: PlaygroundState) => JSON.stringify(a) === JSON.stringify(b);

function fromRecord(record: SavedRecord | null): Pick<StartingPoint, 'state' | 'weights' | 'progress' | 'history'> {
  if (!record) return { state: defaultState() };
  return {
    state: record.state,
    weights: record.params ? { params: record.params, frozen: record.frozen } : undefined,
    progress: record.progress ?? undefined,
    history: record.history
  };
}

export async function startingPoint(options: BootOptions): Promise<StartingPoint> {
  const opened = await openAddress(options.preset, linkParam(options.search, options.hash));
  if (options.embed || !options.store) {
    if (opened?.state) return { state: opened.state, weights: opened.weights, messages: opened.warnings, tone: opened.warnings.length ? 'warning' : 'info', revision: 0, fromAddress: true };
    const messages = opened ? [...opened.warnings, `The ${opened.what} could not be opened; this is the default playground.`] : [];
    return { state: defaultState(), messages, tone: 'warning', revision: 0, fromAddress: opened !== null };
  }

  const store = options.store;
  const when = stamp(options.now ?? new Date());
  const own = await readOwn(store, when);
  const tone = own.messages.length ? 'warning' : 'info';
  const stored = own.record && own.messages.length === 0 ? { stored: own.record } : {};
  if (!opened) return { ...fromRecord(own.record), ...stored, messages: own.messages, tone, revision: own.revision, fromAddress: false };

  if (!opened.state) {
    // Nothing replaces the learner's work: it stays on screen (and in storage) as it was.
    const shown = own.record ? 'your own playground is shown, unchanged' : 'this is the default playground';
    return {
      ...fromRecord(own.record),
      ...stored,
      messages: [...own.messages, ...opened.warnings, `The ${opened.what} could not be opened; ${shown}.`],
      tone: 'warning',
      revision: own.revision,
      fromAddress: true
    };
  }
  const messages = [...own.messages, ...opened.warnings];
  if (own.record && !sameState(own.record.state, opened.state)) {
    const name = `Before opening a ${opened.what} — ${when}`;
    await store.saveAs(name, own.record);
    messages.push(`Opened the ${opened.what}. Your previous playground is kept as the named save “${name}”: open it from Keep & share → Saves.`);
  }
  return {
    state: opened.state,
    weights: opened.weights,
    messages,
    tone: opened.warnings.length || own.messages.length ? 'warning' : 'info',
    revision: own.revision,
    fromAddress: true
  };
}
