/**
 * The only code that knows the training worker exists: spawns it, wraps it with comlink,
 * acknowledges snapshots once the page has drawn them, and restarts the worker if it dies.
 */
import * as Comlink from 'comlink';
import type { DataTable, SessionApi, Snapshot, TrainerApi } from '../../../workers/protocol';
import { pageFrames } from '../render/frame-scheduler';
import { watchInput } from './input-watch';

export type TrainerRemote = Comlink.Remote<TrainerApi>;
/** One session's calls: the main session (a TrainerRemote) or run B of a comparison. */
export type SessionRemote = Comlink.Remote<SessionApi>;

export interface EngineClientOptions {
  onSnapshot: (snapshot: Snapshot) => void;
  /** the worker died and a fresh one is running; the page should load its document again */
  onRestart: (reason: string) => void;
}

export class EngineClient {
  private worker: Worker | null = null;
  private remote: TrainerRemote | null = null;
  private disposed = false;
  private readonly stopWatchingInput: () => void;

  constructor(private readonly options: EngineClientOptions) {
    // Input first: a person's input gets the frames (the scheduler hears every input: the live beat waits
    // for a frame that answers one and keeps off a press's or a key's, and so does a redraw nobody waits
    // for, training or not) and, while training, the CPU (the worker hears of every press and key, and of
    // moves at most once per INPUT_NOTICE_MS).
    if (typeof window === 'undefined') this.stopWatchingInput = () => {};
    else {
      const stopFrames = watchInput(window, (now, discrete) => pageFrames().noteInput(now, discrete), 0);
      const stopWorker = watchInput(window, (_now, discrete) => {
        if (pageFrames().training) void this.remote?.yieldToInput(discrete);
      });
      this.stopWatchingInput = () => {
        stopFrames();
        stopWorker();
      };
    }
  }

  /** The typed worker API; a fresh worker after a crash. */
  get api(): TrainerRemote {
    if (!this.remote) this.spawn();
    return this.remote as TrainerRemote;
  }

  private spawn(): void {
    const worker = new Worker(new URL('../../../workers/trainer.worker.ts', import.meta.url), {
      type: 'module',
      name: 'axon-trainer'
    });
    worker.addEventListener('error', (event) => this.restart(event.message || 'the training worker crashed'));
    worker.addEventListener('messageerror', () => this.restart('a message to the training worker could not be read'));
    this.worker = worker;
    const remote = Comlink.wrap<TrainerApi>(worker);
    this.remote = remote;
    void remote.subscribe(
      Comlink.proxy((snapshot: Snapshot) => {
        if (this.remote !== remote) return;
        pageFrames().setTraining(snapshot.running);
        this.present(remote, snapshot, this.options.onSnapshot, remote);
      })
    );
  }

  /**
   * A snapshot of `from` (the main session or run B) reaches the page in the frame where the live views draw
   * it (while training, the scheduler's beat: one changed frame), and is acknowledged when the scheduler is
   * ready for the next live update: the worker sends snapshots no faster than the page shows them (and none
   * while the page is hidden). Neither happens once `worker` has been replaced by a restart.
   */
  private present(worker: TrainerRemote, snapshot: Snapshot, show: (snapshot: Snapshot) => void, from: SessionRemote): void {
    const frames = pageFrames();
    frames.deliver(() => {
      if (this.remote === worker) show(snapshot);
    });
    frames.afterLive(() => {
      if (this.remote === worker) void from.ack(snapshot.seq);
    });
  }

  private restart(reason: string): void {
    if (this.disposed) return;
    this.worker?.terminate();
    this.remote?.[Comlink.releaseProxy]();
    this.worker = null;
    this.remote = null;
    this.spawn();
    this.options.onRestart(reason);
  }

  /**
   * Opens run B of a comparison: a second session in the same worker (one worker keeps a core free for
   * the page on a two-core machine), trained in lockstep with the main one. Its snapshots go to
   * onSnapshot and are acknowledged like the main ones. A worker restart ends it (its port goes silent).
   */
  async openCompare(onSnapshot: (snapshot: Snapshot) => void): Promise<SessionRemote> {
    const main = this.api;
    const port = await main.openCompare();
    const remote = Comlink.wrap<SessionApi>(port);
    await remote.subscribe(
      Comlink.proxy((snapshot: Snapshot) => {
        if (this.remote !== main) return;
        this.present(main, snapshot, onSnapshot, remote);
      })
    );
    return remote;
  }

  /** Ends run B (nothing to do when the worker it lived in has been replaced). */
  closeCompare(remote: SessionRemote): void {
    remote[Comlink.releaseProxy]();
    if (this.remote) void this.remote.closeCompare();
  }

  /** Marks a table's buffers for transfer (the caller keeps no copy: they are detached here). */
  static transferTable(table: DataTable): DataTable {
    // Only buffers the arrays fill whole: a view into a larger buffer would detach what it shares.
    const arrays = [table.x, table.y, table.isTest, ...(table.pixels ? [table.pixels] : [])];
    const whole = arrays.filter((a) => a.byteOffset === 0 && a.byteLength === a.buffer.byteLength);
    return Comlink.transfer(table, [...new Set(whole.map((a) => a.buffer as ArrayBuffer))]);
  }

  dispose(): void {
    this.disposed = true;
    this.stopWatchingInput();
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }
}
