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
  handle: (command: Command) => void | Promise<void>;
  warn?: (message: string) => void;
}

export interface MessageBridge {
  post(event: AxonEvent): void;
  dispose(): void;
}

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

  const send = (message: AxonEvent, origin: string) => {
    try {
      parent?.postMessage(message, origin);
    } catch (error) {
      warn(`Axon could not post a "${message.type}" event to ${origin}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const parentOrigin = options.parentOrigin ?? null;

  const post = (message: AxonEvent) => {
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
    } else if (!carriesState(message)) {
      send(message, '*');
    } else if (host) {
      send(message, host);
    } else {
      warn(`Axon did not post a "${message.type}" event: no allow-list is set and no host has sent a command yet.`);
    }
  };

  const run = async (command: Command) => {
    try {
      await handle(command);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      post(axonEvent({ type: 'error', message: `The "${command.type}" command failed: ${detail}` }));
    }
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
      const parsed = parseCommand(data);
      if (!parsed.ok) {
        if (!parsed.quiet) warn(`Axon ignored a message from ${origin}: ${parsed.reason}`);
        return;
      }
      if (event.origin && event.origin !== 'null') knownHost = event.origin;
      void run(parsed.command);
    } catch (error) {
      warn(`Axon ignored a message: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  target.addEventListener('message', onMessage);
  return {
    post,
    dispose() {
      disposed = true;
      target.removeEventListener('message', onMessage);
    }
  };
}
