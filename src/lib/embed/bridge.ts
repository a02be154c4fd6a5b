/**
 * The embedded playground's end of the postMessage API: listens for host commands, checks where they
 * come from and what they contain, and posts events back. Nothing a host sends can make it throw.
 */
import { axonEvent, carriesState, parseCommand, type AxonEvent, type Command } from './messages';

/** The two window methods the bridge uses, so tests can pass plain objects. */
export interface MessageTarget {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}
export interface MessageSink {
  postMessage(message: unknown, targetOrigin: string): void;
}

export interface BridgeOptions {
  /** the window that receives the host's messages (the playground's own window) */
  target: MessageTarget;
  /** where events go: window.parent when embedded, null when the page runs on its own */
  parent: MessageSink | null;
  /** origins allowed to send commands (and to receive events); null = any origin */
  allowedOrigins: string[] | null;
  /**
   * The embedding page's origin when the browser tells it (detectParentOrigin()). With it, events go to
   * that one origin instead of a copy per allowed origin, each wrong copy of which Chromium logs as an error.
   */
  parentOrigin?: string | null;
  /**
   * Carries out one command. `reply` posts an event to the origin that sent this very command (and to no
   * other), which is where an answer carrying the learner's work (`state`) must go.
   */
  handle: (command: Command, reply: (event: AxonEvent) => void) => void | Promise<void>;
  warn?: (message: string) => void;
  /** commands accepted per second on average, and in one burst; the rest are dropped with an `error` event */
  rate?: { perSecond: number; burst: number };
  /** milliseconds, for the rate limit (tests pass a fake clock) */
  now?: () => number;
}

export interface MessageBridge {
  post(event: AxonEvent): void;
  /**
   * Posts a message of another protocol that carries no work (a frame height for Canvas or H5P):
   * it goes where events without state go.
   */
  postOther(message: object): void;
  dispose(): void;
}

/** A course page drives the playground by hand or on a timer; well above that, it is a loop gone wrong or an attack. */
export const DEFAULT_RATE = { perSecond: 50, burst: 100 };
const RATE_NOTICE_INTERVAL_MS = 1000;

/**
 * The embedding page's origin, as far as the browser says: location.ancestorOrigins (Chromium, Safari),
 * else the referrer's origin (sent cross-origin under the default referrer policy). null when unknown
 * or when the page is not in a frame.
 */
export function detectParentOrigin(
  win: { parent: unknown; location: { ancestorOrigins?: { length: number; [i: number]: string } } } & Record<string, unknown> = globalThis as never,
  referrer: string = typeof document === 'undefined' ? '' : document.referrer
): string | null {
  if (!win || win.parent === win) return null;
  const ancestors = win.location?.ancestorOrigins;
  if (ancestors && ancestors.length > 0 && ancestors[0] !== 'null') return ancestors[0];
  if (!referrer) return null;
  try {
    const origin = new URL(referrer).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

export function createMessageBridge(options: BridgeOptions): MessageBridge {
  const { target, parent, allowedOrigins, handle } = options;
  const warn = (message: string) => {
    try {
      (options.warn ?? console.warn)(message);
    } catch {
      // A broken logger must not break the bridge.
    }
  };
  const allowed = allowedOrigins === null ? null : new Set(allowedOrigins);
  // The origin of the last host that sent a valid command: the only place state may go without an allow-list.
  let knownHost: string | null = null;
  let disposed = false;

  const send = (message: AxonEvent | object, origin: string) => {
    try {
      parent?.postMessage(message, origin);
    } catch (error) {
      const what = 'type' in message ? `a "${String(message.type)}" event` : 'a message';
      warn(`Axon could not post ${what} to ${origin}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const parentOrigin = options.parentOrigin ?? null;

  const post = (message: AxonEvent | object, withState = 'axon' in message && carriesState(message as AxonEvent)) => {
    if (disposed || !parent) return;
    // The host's origin: learned from its commands, else as the browser reported it.
    const host = knownHost ?? parentOrigin;
    if (allowed) {
      if (host) {
        // A parent outside the allow-list gets nothing.
        if (allowed.has(host)) send(message, host);
      } else {
        // postMessage takes one target origin; a copy per allowed origin reaches whichever the host is, and only it.
        for (const origin of allowed) send(message, origin);
      }
    } else if (!withState) {
      send(message, '*');
    } else if (host) {
      send(message, host);
    } else {
      warn(`Axon did not post a "${(message as AxonEvent).type}" event: no allow-list is set and no host has sent a command yet.`);
    }
  };

  /** To the sender of one command only; with an allow-list, only when that sender is on it (it was checked on arrival). */
  const replyTo = (origin: string) => (message: AxonEvent) => {
    if (disposed || !parent) return;
    if (origin && origin !== 'null') send(message, origin);
    else warn(`Axon did not post a "${message.type}" event: the command came from an unknown origin.`);
  };

  const run = async (command: Command, origin: string) => {
    if (disposed) return;
    const reply = replyTo(origin);
    try {
      await handle(command, reply);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      reply(axonEvent({ type: 'error', message: `The "${command.type}" command failed: ${detail}` }));
    }
  };

  // Commands run one at a time, in the order they came: a host that sends `load` and then `play` means
  // "play what you loaded", and a load takes a while (the data, the worker); run side by side, the play
  // was refused while the data loaded, or went to the network being replaced and was lost with it.
  // (run never rejects: the chain never breaks.)
  let queue: Promise<void> = Promise.resolve();

  // A token bucket: a burst of commands passes, a flood is cut to the sustained rate.
  const rate = options.rate ?? DEFAULT_RATE;
  const now = options.now ?? (() => performance.now());
  let tokens = rate.burst;
  let refilledAt = now();
  let droppedSince = 0;
  let lastRateNotice = Number.NEGATIVE_INFINITY;
  const admit = (): boolean => {
    const time = now();
    tokens = Math.min(rate.burst, tokens + ((time - refilledAt) / 1000) * rate.perSecond);
    refilledAt = time;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    droppedSince++;
    if (time - lastRateNotice >= RATE_NOTICE_INTERVAL_MS) {
      lastRateNotice = time;
      const message = `Too many messages: Axon takes at most ${rate.perSecond} commands a second (bursts of ${rate.burst}) and ignored ${droppedSince} since the last notice.`;
      droppedSince = 0;
      warn(message);
      post(axonEvent({ type: 'error', message }));
    }
    return false;
  };

  const onMessage = (event: MessageEvent) => {
    try {
      const data: unknown = event.data;
      // Other scripts' traffic (objects without our namespace field) is none of our business.
      if (typeof data === 'object' && data !== null && !Array.isArray(data) && !Object.prototype.hasOwnProperty.call(data, 'axon')) return;
      const origin = typeof event.origin === 'string' && event.origin ? event.origin : 'an unknown origin';
      if (allowed && !allowed.has(event.origin)) {
        warn(`Axon ignored a message from ${origin}: origin not in the allow-list`);
        return;
      }
      if (!admit()) return;
      const parsed = parseCommand(data);
      if (!parsed.ok) {
        if (!parsed.quiet) warn(`Axon ignored a message from ${origin}: ${parsed.reason}`);
        return;
      }
      if (event.origin && event.origin !== 'null') knownHost = event.origin;
      queue = queue.then(() => run(parsed.command, event.origin));
    } catch (error) {
      warn(`Axon ignored a message: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  target.addEventListener('message', onMessage);
  return {
    post: (event) => post(event),
    postOther: (message) => post(message, false),
    dispose() {
      disposed = true;
      target.removeEventListener('message', onMessage);
    }
  };
}
