/**
 * Tells the embedding page how tall the playground's content is, whenever that changes, in the three
 * dialects course pages understand:
 * - Axon's own `resize` event, which embed.js listens for;
 * - Canvas LMS's `{ subject: 'lti.frameResize', height }`;
 * - the H5P resizer's handshake (`context: 'h5p'`: hello → prepareResize → resize), so a plain iframe in a
 *   page that runs h5p-resizer.js grows as H5P content does.
 */
import type { AxonEvent } from './messages';

export interface SizeSink {
  post(event: AxonEvent): void;
  postOther(message: object): void;
}

/** The messages the H5P resizer sends to its content frames. */
interface H5pMessage {
  context: 'h5p';
  action: string;
}

function isH5p(data: unknown): data is H5pMessage {
  return typeof data === 'object' && data !== null && (data as { context?: unknown }).context === 'h5p' && typeof (data as { action?: unknown }).action === 'string';
}

/** Height changes smaller than this are layout jitter (sub-pixel rounding), not a new size. */
const MIN_CHANGE_PX = 2;

export function startSizeReporter(root: HTMLElement, sink: SizeSink, win: Window = window): () => void {
  let reported = -1;
  // H5P content waits for the resizer's "hello" before it sends sizes; until then only hello is sent.
  let h5pResizer = false;

  const height = () => Math.ceil(root.getBoundingClientRect().height);

  const h5p = (action: string, extra: Record<string, number> = {}) => sink.postOther({ context: 'h5p', action, ...extra });

  const report = (force = false) => {
    const now = height();
    if (!force && Math.abs(now - reported) < MIN_CHANGE_PX) return;
    reported = now;
    sink.post({ axon: 1, type: 'resize', height: now });
    sink.postOther({ subject: 'lti.frameResize', height: now });
    if (h5pResizer) h5p('prepareResize', { scrollHeight: now, clientHeight: win.document.documentElement.clientHeight });
  };

  const onMessage = (event: MessageEvent) => {
    if (event.source !== win.parent || !isH5p(event.data)) return;
    switch (event.data.action) {
      case 'ready':
        h5p('hello');
        break;
      case 'hello':
        h5pResizer = true;
        report(true);
        break;
      case 'resizePrepared':
        h5p('resize', { scrollHeight: reported });
        break;
    }
  };

  // ResizeObserver calls back at most once per rendered frame, however many boxes moved: no batching needed
  // (and none that waits for requestAnimationFrame, which a browser may hold back in a cross-origin frame).
  const observer = new ResizeObserver(() => report());
  observer.observe(root);
  win.addEventListener('message', onMessage);
  h5p('hello');
  report(true);

  return () => {
    observer.disconnect();
    win.removeEventListener('message', onMessage);
  };
}
