import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSizeReporter } from './size-reporter';

function setup() {
  let height = 480;
  let observed: (() => void) | null = null;
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(callback: () => void) {
        observed = callback;
      }
      observe() {}
      disconnect() {
        observed = null;
      }
    }
  );
  const parent = {};
  const target = new EventTarget();
  const win = Object.assign(target, {
    parent,
    document: { documentElement: { clientHeight: 400 } }
  }) as unknown as Window;
  const root = { getBoundingClientRect: () => ({ height }) } as unknown as HTMLElement;
  const sent: unknown[] = [];
  const stop = startSizeReporter(root, { post: (e) => sent.push(e), postOther: (m) => sent.push(m) }, win);
  return {
    sent,
    stop,
    grow: (to: number) => {
      height = to;
      observed?.();
    },
    fromParent: (data: unknown, source: unknown = parent) => {
      const event = new MessageEvent('message', { data });
      Object.defineProperty(event, 'source', { value: source });
      target.dispatchEvent(event);
    }
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('startSizeReporter', () => {
  it('reports the height at once in the three dialects, and again when it changes by more than jitter', () => {
    const { sent, grow } = setup();
    expect(sent).toEqual([
      { context: 'h5p', action: 'hello' },
      { axon: 1, type: 'resize', height: 480 },
      { subject: 'lti.frameResize', height: 480 }
    ]);
    sent.length = 0;
    grow(481);
    expect(sent).toEqual([]);
    grow(612.2);
    expect(sent).toEqual([
      { axon: 1, type: 'resize', height: 613 },
      { subject: 'lti.frameResize', height: 613 }
    ]);
  });

  it('follows the H5P resizer’s handshake from its parent only', () => {
    const { sent, grow, fromParent } = setup();
    sent.length = 0;
    fromParent({ context: 'h5p', action: 'hello' }, {});
    expect(sent).toEqual([]);
    fromParent({ context: 'h5p', action: 'hello' });
    expect(sent).toContainEqual({ context: 'h5p', action: 'prepareResize', scrollHeight: 480, clientHeight: 400 });
    fromParent({ context: 'h5p', action: 'resizePrepared' });
    expect(sent.at(-1)).toEqual({ context: 'h5p', action: 'resize', scrollHeight: 480 });
    // From now on every change goes through the handshake too.
    grow(700);
    expect(sent.at(-1)).toEqual({ context: 'h5p', action: 'prepareResize', scrollHeight: 700, clientHeight: 400 });
    fromParent({ context: 'h5p', action: 'ready' });
    expect(sent.at(-1)).toEqual({ context: 'h5p', action: 'hello' });
  });

  it('stops observing when stopped', () => {
    const { sent, grow, stop } = setup();
    stop();
    sent.length = 0;
    grow(900);
    expect(sent).toEqual([]);
  });
});
