/**
 * Notices that a person is using the page: a pointer moving or pressed, the wheel, a key, anywhere on it.
 * While training, the engine client answers by asking the worker to leave the CPU to the page and the
 * frame scheduler to draw live data with the frames that answer input (input first, training second). Notices
 * can be spaced at least `intervalMs` apart: a moving mouse sends dozens of events a second, too many to
 * send each to the worker.
 */
const INPUT_EVENTS = ['pointerdown', 'pointerup', 'pointermove', 'wheel', 'keydown'] as const;

/** A press, a release or a key (not a stream of moves or wheel turns). */
function isDiscreteInput(type: string): boolean {
  return type !== 'pointermove' && type !== 'wheel';
}

/** Default spacing of the notices: well inside the worker's and the scheduler's 300 ms hold. */
export const INPUT_NOTICE_MS = 100;

/**
 * Calls `onInput(now, discrete)` (performance.now() of the event) when input arrives. `discrete` marks a
 * press, a release or a key: those are few, each waits for a frame of its own, and every one is passed on.
 * Moves and the wheel are passed on at most once per `intervalMs`. Returns the function that stops watching.
 */
export function watchInput(
  target: EventTarget,
  onInput: (now: number, discrete: boolean) => void,
  intervalMs = INPUT_NOTICE_MS
): () => void {
  let last = Number.NEGATIVE_INFINITY;
  const listener = (event: Event) => {
    const now = event.timeStamp;
    const discrete = isDiscreteInput(event.type);
    if (!discrete && now - last < intervalMs && now >= last) return;
    last = now;
    onInput(now, discrete);
  };
  for (const type of INPUT_EVENTS) target.addEventListener(type, listener, { capture: true, passive: true });
  return () => {
    for (const type of INPUT_EVENTS) target.removeEventListener(type, listener, { capture: true });
  };
}
