/**
 * What a host page's postMessage commands do to the playground. The bridge has already checked the
 * message's origin and shape; this turns each command into Playground calls and answers with events.
 */
import type { Activation, Snapshot, TrainSettings } from '../../../workers/protocol';
import { presetById } from '../data/presets';
import type { AxonEvent, Command, XapiCommand } from '../embed/messages';
import { parseState } from '../model/schema';
import type { Playground } from './playground.svelte';

/** The host hears about epochs at most this often (an epoch can take a fraction of a millisecond). */
const EPOCH_EVENT_INTERVAL_MS = 100;

type Post = (event: AxonEvent) => void;

/** The challenge on the page, if any: it takes the host's LRS. */
export interface CourseTarget {
  setXapi(command: XapiCommand): void;
}

export async function runCommand(pg: Playground, command: Command, post: Post, course: CourseTarget | null = null): Promise<void> {
  switch (command.type) {
    case 'load': {
      if ('preset' in command) {
        const preset = presetById(command.preset);
        if (!preset) throw new Error(`No preset called "${command.preset}".`);
        if (!(await pg.loadState(await preset.build()))) throw new Error(`The preset "${command.preset}" could not be opened.`);
      } else {
        const parsed = parseState(command.state);
        if (!parsed.ok) throw new Error(`The state cannot be opened: ${parsed.errors.join('; ')}`);
        if (!(await pg.loadState(parsed.state))) throw new Error('The state was read, but its data could not be loaded.');
      }
      // A fresh playground: what was said about the previous one no longer applies.
      pg.notice = null;
      return;
    }
    case 'play':
      if (pg.blockedReason) throw new Error(`Cannot train yet: ${pg.blockedReason}`);
      pg.play();
      return;
    case 'pause':
      pg.pause();
      return;
    case 'step':
      if (pg.blockedReason) throw new Error(`Cannot train yet: ${pg.blockedReason}`);
      pg.step(command.steps ?? 1);
      return;
    case 'reset':
      if (command.seed !== undefined) pg.setSettings({ seed: command.seed });
      else await pg.reset();
      return;
    case 'setParam':
      return setParam(pg, command.name, command.value);
    case 'getState':
      post({ axon: 1, type: 'state', state: $state.snapshot(pg.state) });
      return;
    case 'xapi':
      if (!course) throw new Error('This embed has no goal to report: add challenge=… or goal=… to its address.');
      course.setXapi(command);
      return;
  }
}

function setParam(pg: Playground, name: string, value: unknown): void {
  if (name === 'activation') {
    const changes = pg.state.doc.nodes
      .filter((n) => n.kind === 'dense')
      .map((n) => ({ type: 'updateNode' as const, id: n.id, patch: { activation: value as Activation } }));
    if (changes.length) pg.change({ type: 'batch', changes });
    return;
  }
  if (name === 'noise' || name === 'testFraction') {
    const data = pg.state.data;
    if (data.kind !== 'generated') throw new Error(`${name} applies to generated data sets only.`);
    void pg.setDataSource({ ...data, [name]: value as number });
    return;
  }
  pg.setSettings({ [name]: value } as Partial<TrainSettings>);
}

/**
 * Turns the snapshot stream into the host's events: epochs (throttled), and one event for every stop:
 * `diverged`, `stopped` with the engine's reason (max epochs, early stopping), or `stopped` when training
 * was paused by anything else, with `pauseReason()` (the page's instability pause says why) or "paused".
 */
export function eventsFromSnapshots(
  post: Post,
  isClassification: () => boolean,
  pauseReason: () => string | null = () => null
): (snapshot: Snapshot) => void {
  let lastEpochPost = 0;
  let lastDiverged: Snapshot['diverged'] = null;
  let lastStop: string | null = null;
  let wasRunning = false;
  return (snapshot) => {
    const stoppedNow = wasRunning && !snapshot.running;
    wasRunning = snapshot.running;
    const latest = snapshot.epochs[snapshot.epochs.length - 1];
    const now = performance.now();
    if (latest && (now - lastEpochPost >= EPOCH_EVENT_INTERVAL_MS || !snapshot.running)) {
      lastEpochPost = now;
      post({
        axon: 1,
        type: 'epoch',
        epoch: latest.epoch,
        loss: latest.trainLoss,
        testLoss: latest.testLoss,
        accuracy: isClassification() ? latest.testAccuracy : null
      });
    }
    if (snapshot.diverged && snapshot.diverged !== lastDiverged) {
      post({ axon: 1, type: 'diverged', step: snapshot.diverged.step, message: snapshot.diverged.message });
    }
    lastDiverged = snapshot.diverged;
    const engineStop = snapshot.stopReason && snapshot.stopReason !== lastStop;
    if (engineStop) post({ axon: 1, type: 'stopped', reason: snapshot.stopReason! });
    else if (stoppedNow && !snapshot.diverged) post({ axon: 1, type: 'stopped', reason: pauseReason() ?? 'paused' });
    lastStop = snapshot.stopReason;
  };
}
