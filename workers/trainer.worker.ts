/**
 * The training worker: a comlink shell around the engine's TrainingSession, and the only file in
 * workers/ that knows comlink. Every call goes to the session and wakes the loop; the loop calls
 * session.tick() and sleeps as long as the tick asks (a yield through a MessageChannel when training
 * flat out, a timer under a pace or until the next snapshot may go, nothing while idle). Run B of a
 * comparison is a second session in this same worker, trained in lockstep after each of the main session's slices.
 */
import * as Comlink from 'comlink';
import { DISCRETE_INPUT_REST_MS, kernelPath, restAfterSnapshot, restForInput, TrainingSession } from './engine';
import type { SessionApi, Snapshot, TrainerApi } from './protocol';

/** A session and whoever listens to its snapshots. */
interface Served {
  session: TrainingSession;
  listener: ((snapshot: Snapshot) => void) | null;
}

const main: Served = { session: new TrainingSession(), listener: null };
/** run B of a comparison, on its own port, trained in lockstep with main */
let compare: (Served & { port: MessagePort }) | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let yielded = false;
/** Training rests until then (after a snapshot, so the page's live frame gets the CPU). */
let restUntil = 0;
/** when the last snapshot of this run of play went (NaN when training was not running) */
let lastSnapshotAt = Number.NaN;
/** when the page last said a person is using it (yieldToInput) */
let inputAt = Number.NEGATIVE_INFINITY;

// A MessageChannel round trip yields to queued calls (pause, ack) without setTimeout's 4 ms clamp.
const channel = new MessageChannel();
channel.port1.onmessage = () => {
  yielded = false;
  loop();
};

function send(served: Served, snapshot: Snapshot | null): void {
  if (snapshot && served.listener) {
    served.listener(Comlink.transfer(snapshot, [snapshot.params.buffer, snapshot.frozen.buffer, snapshot.unitGrids.buffer]));
  }
}

function earliest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function loop(): void {
  const now = performance.now();
  if (now < restUntil) {
    if (timer === null && !yielded) timer = setTimeout(() => ((timer = null), loop()), restUntil - now);
    return;
  }
  // Lockstep both ways: the main run waits while run B, still playing, has not caught up.
  if (compare) main.session.hold(compare.session.isRunning && compare.session.position < main.session.position - 1e-9);
  const { snapshot, wait: mainWait } = main.session.tick();
  send(main, snapshot);
  if (snapshot) {
    restUntil = snapshot.running ? now + restAfterSnapshot(now, lastSnapshotAt) : 0;
    lastSnapshotAt = snapshot.running ? now : Number.NaN;
  }
  // Flat out while a person uses the page: leave them the CPU for a while after this slice.
  if (mainWait === 0 && main.session.isRunning) {
    const end = performance.now();
    const rest = restForInput(end, inputAt, end - now);
    if (rest > 0) restUntil = Math.max(restUntil, end + rest);
  }
  let wait = mainWait;
  if (compare) {
    // Run B trains one slice towards main's epochs after each of main's slices: lockstep on one core.
    const behind = compare.session.follow(main.session.position);
    const tick = compare.session.tick();
    send(compare, tick.snapshot);
    wait = earliest(wait, behind ? 0 : tick.wait);
  }
  if (restUntil > now && wait !== null) {
    if (timer === null && !yielded) timer = setTimeout(() => ((timer = null), loop()), restUntil - now);
  } else if (wait === 0) wake();
  else if (wait !== null && timer === null && !yielded) timer = setTimeout(() => ((timer = null), loop()), wait);
}

/** Run the loop soon (once), whatever it was waiting for. */
function wake(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  if (yielded) return;
  yielded = true;
  channel.port2.postMessage(null);
}

/**
 * Runs a session call, then wakes the loop so its effect reaches the page. Any call but an acknowledgement
 * ends a rest: a pause, a step or an edit is answered at once.
 */
function call<A extends unknown[], R>(fn: (...args: A) => R, endsRest = true): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return fn(...args);
    } finally {
      if (endsRest) restUntil = 0;
      wake();
    }
  };
}

function sessionApi(served: Served): SessionApi {
  const session = served.session;
  return {
    setData: call((data) => session.setData(data)),
    load: call((spec, settings, grid, options) => session.load(spec, settings, grid, options)),
    setSettings: call((settings) => session.setSettings(settings)),
    setGrid: call((grid) => session.setGrid(grid)),
    subscribe: call((onSnapshot) => {
      served.listener = onSnapshot;
      session.connect();
    }),
    ack: call((seq) => session.acknowledge(seq), false),
    play: call(() => session.play()),
    setPace: call((epochsPerSecond) => session.setPace(epochsPerSecond)),
    pause: call(() => session.pause()),
    step: call((n, unit) => session.step(n, unit)),
    reset: call((seed) => session.reset(seed)),
    setParam: call((ref, value, frozen) => session.setParam(ref, value, frozen)),
    setParams: call((params, frozen) => session.setParams(params, frozen)),
    restoreProgress: call((progress) => session.restoreProgress(progress)),
    evaluate: call((points) => session.predict(points)),
    trace: call((sampleIndex) => session.trace(sampleIndex)),
    groupActivations: call((groupId) => session.groupActivations(groupId)),
    featureMaps: call((input) => session.featureMaps(input))
  };
}

function closeCompare(): void {
  compare?.port.close();
  compare = null;
}

const api: TrainerApi = {
  ...sessionApi(main),
  kernelPath: async () => kernelPath(),
  // Not through call(): noting input neither ends a rest nor wakes the loop.
  yieldToInput: async (discrete = false) => {
    inputAt = performance.now();
    if (discrete) restUntil = Math.max(restUntil, inputAt + DISCRETE_INPUT_REST_MS);
  },
  async openCompare() {
    closeCompare();
    const { port1, port2 } = new MessageChannel();
    const session = new TrainingSession();
    session.setFollower(true);
    compare = { session, listener: null, port: port1 };
    Comlink.expose(sessionApi(compare), port1);
    return Comlink.transfer(port2, [port2]);
  },
  closeCompare: call(closeCompare),
  async crash() {
    // A test build only (AXON_TEST_HOOKS=1): in a normal build this does nothing and its body is not shipped.
    if (!__AXON_TEST_HOOKS__) return;
    setTimeout(() => {
      throw new Error('Deliberate crash (test of the restart path)');
    });
  }
};

Comlink.expose(api);
