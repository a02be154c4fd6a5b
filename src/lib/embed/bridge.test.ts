import { describe, expect, it } from 'vitest';
import { createMessageBridge, detectParentOrigin, type MessageSink } from './bridge';
import { axonEvent, LIMITS, type Command } from './messages';

const HOST = 'https://course.example.edu';

function setup(allowedOrigins: string[] | null = [HOST], handle?: (c: Command) => void | Promise<void>, parentOrigin: string | null = null) {
  const target = new EventTarget();
  const posted: { message: unknown; origin: string }[] = [];
  const parent: MessageSink = { postMessage: (message, origin) => posted.push({ message, origin }) };
  const handled: Command[] = [];
  const warnings: string[] = [];
  const bridge = createMessageBridge({
    target: target as unknown as Parameters<typeof createMessageBridge>[0]['target'],
    parent,
    allowedOrigins,
    parentOrigin,
    handle: handle ?? ((c) => void handled.push(c)),
    warn: (m) => warnings.push(m)
  });
  const send = (data: unknown, origin = HOST) => target.dispatchEvent(new MessageEvent('message', { data, origin }));
  return { bridge, send, handled, warnings, posted };
}

/** Lets the bridge's async handler settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createMessageBridge: valid commands', () => {
  it('passes every kind of valid command to handle, unchanged', async () => {
    const { send, handled, warnings } = setup();
    const commands = [
      { axon: 1, type: 'load', preset: 'xor-2-layers' },
      { axon: 1, type: 'load', state: { version: 1, doc: { nodes: [], edges: [] } } },
      { axon: 1, type: 'play' },
      { axon: 1, type: 'pause' },
      { axon: 1, type: 'step' },
      { axon: 1, type: 'step', steps: 10_000 },
      { axon: 1, type: 'reset' },
      { axon: 1, type: 'reset', seed: 42 },
      { axon: 1, type: 'setParam', name: 'learningRate', value: 0.3 },
      { axon: 1, type: 'setParam', name: 'batchSize', value: 0 },
      { axon: 1, type: 'setParam', name: 'optimizer', value: 'adam' },
      { axon: 1, type: 'setParam', name: 'l2', value: 0.001 },
      { axon: 1, type: 'setParam', name: 'activation', value: 'tanh' },
      { axon: 1, type: 'setParam', name: 'noise', value: 0.25 },
      { axon: 1, type: 'getState' }
    ];
    for (const c of commands) send(c);
    await settle();
    expect(warnings).toEqual([]);
    expect(handled).toEqual(commands);
  });

  it('accepts any origin when there is no allow-list', async () => {
    const { send, handled, warnings } = setup(null);
    send({ axon: 1, type: 'play' }, 'https://anyone.example');
    await settle();
    expect(handled).toEqual([{ axon: 1, type: 'play' }]);
    expect(warnings).toEqual([]);
  });
});

describe('createMessageBridge: what it refuses', () => {
  const huge = 'x'.repeat(LIMITS.stringLength + 1);
  let deep: unknown = { axon: 1, type: 'play' };
  for (let i = 0; i < 40; i++) deep = { nested: deep };
  const malformed: [string, unknown, RegExp][] = [
    ['a string', 'play', /is a string, not an object/],
    ['a number', 42, /is a number, not an object/],
    ['null', null, /is null/],
    ['an array', [1, 'play'], /is an array/],
    ['a wrong version', { axon: 2, type: 'play' }, /version 2 is not supported/],
    ['a string version', { axon: '1', type: 'play' }, /version "1" is not supported/],
    ['an unknown type', { axon: 1, type: 'explode' }, /unknown command "explode"/],
    ['a missing type', { axon: 1 }, /type: missing/],
    ['a numeric type', { axon: 1, type: 7 }, /unknown command 7/],
    ['steps far too large', { axon: 1, type: 'step', steps: 1e9 }, /steps:/],
    ['fractional steps', { axon: 1, type: 'step', steps: 2.5 }, /steps:/],
    ['zero steps', { axon: 1, type: 'step', steps: 0 }, /steps:/],
    ['steps as text', { axon: 1, type: 'step', steps: '10' }, /steps:/],
    ['NaN steps', { axon: 1, type: 'step', steps: Number.NaN }, /steps:/],
    ['a negative seed', { axon: 1, type: 'reset', seed: -1 }, /seed:/],
    ['load with neither preset nor state', { axon: 1, type: 'load' }, /load|preset|state/],
    ['load with both', { axon: 1, type: 'load', preset: 'xor', state: {} }, /./],
    ['a preset name with a path', { axon: 1, type: 'load', preset: '../../etc/passwd' }, /preset/],
    ['a state that is an array', { axon: 1, type: 'load', state: [1, 2] }, /state/],
    ['an extra field', { axon: 1, type: 'play', now: true }, /now/],
    ['an unknown setParam name', { axon: 1, type: 'setParam', name: 'evalCode', value: 1 }, /name/],
    ['a learning rate as text', { axon: 1, type: 'setParam', name: 'learningRate', value: 'fast' }, /value/],
    ['a learning rate of Infinity', { axon: 1, type: 'setParam', name: 'learningRate', value: Infinity }, /value/],
    ['a negative learning rate', { axon: 1, type: 'setParam', name: 'learningRate', value: -0.1 }, /value/],
    ['an unknown optimizer', { axon: 1, type: 'setParam', name: 'optimizer', value: 'adamw' }, /value/],
    ['softmax as a hidden activation', { axon: 1, type: 'setParam', name: 'activation', value: 'softmax' }, /value/],
    ['a huge string', { axon: 1, type: 'load', preset: huge }, /string of 100001 characters/],
    ['a huge string deep in a state', { axon: 1, type: 'load', state: { doc: { label: huge } } }, /state\.doc\.label: a string/],
    ['__proto__ as an own key', JSON.parse('{"axon":1,"type":"play","__proto__":{"polluted":true}}'), /__proto__: a forbidden key/],
    ['constructor inside a state', { axon: 1, type: 'load', state: { constructor: { prototype: { x: 1 } } } }, /constructor: a forbidden key/],
    ['nesting too deep', { axon: 1, type: 'load', state: deep }, /nested deeper/],
    ['a Date', { axon: 1, type: 'load', state: { when: new Date(0) } }, /plain objects/],
    ['a typed array', { axon: 1, type: 'load', state: { w: new Float32Array(3) } }, /plain objects/]
  ];

  it.each(malformed)('ignores %s with one warning', async (_name, data, pattern) => {
    const { send, handled, warnings, posted } = setup();
    expect(() => send(data)).not.toThrow();
    await settle();
    expect(handled).toEqual([]);
    expect(posted).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Axon ignored a message from https:\/\/course\.example\.edu: /);
    expect(warnings[0]).toMatch(pattern);
  });

  it('never lets a prototype key reach Object.prototype', async () => {
    const { send } = setup(null);
    send(JSON.parse('{"axon":1,"type":"load","state":{"__proto__":{"polluted":1}}}'));
    await settle();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ignores a message from an origin not in the allow-list, and names it', async () => {
    const { send, handled, warnings } = setup([HOST]);
    send({ axon: 1, type: 'play' }, 'https://evil.example');
    // Same host, other scheme or port: a different origin.
    send({ axon: 1, type: 'play' }, 'http://course.example.edu');
    send({ axon: 1, type: 'play' }, 'null');
    await settle();
    expect(handled).toEqual([]);
    expect(warnings).toEqual([
      'Axon ignored a message from https://evil.example: origin not in the allow-list',
      'Axon ignored a message from http://course.example.edu: origin not in the allow-list',
      'Axon ignored a message from null: origin not in the allow-list'
    ]);
  });

  it('ignores other scripts\' messages quietly', async () => {
    const { send, handled, warnings } = setup();
    send({ source: 'react-devtools-bridge', payload: {} });
    send({ type: 'play' });
    await settle();
    expect(handled).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('turns an error thrown by handle into an error event, and keeps listening', async () => {
    let calls = 0;
    const { send, posted, warnings } = setup([HOST], async (c) => {
      calls++;
      if (c.type === 'step') throw new Error('no network loaded');
    });
    send({ axon: 1, type: 'step', steps: 5 });
    await settle();
    expect(posted).toEqual([
      { message: { axon: 1, type: 'error', message: 'The "step" command failed: no network loaded' }, origin: HOST }
    ]);
    send({ axon: 1, type: 'play' });
    await settle();
    expect(calls).toBe(2);
    expect(warnings).toEqual([]);
  });

  it('runs commands one at a time, in the order they came: a play waits for the load before it', async () => {
    const order: string[] = [];
    let finishLoad = () => {};
    const { send, posted } = setup([HOST], async (c) => {
      order.push(`start ${c.type}`);
      if (c.type === 'load') await new Promise<void>((resolve) => (finishLoad = resolve));
      if (c.type === 'step') throw new Error('no network loaded');
      order.push(`end ${c.type}`);
    });
    send({ axon: 1, type: 'load', preset: 'xor-2-layers' });
    send({ axon: 1, type: 'setParam', name: 'learningRate', value: 10 });
    send({ axon: 1, type: 'step' });
    send({ axon: 1, type: 'play' });
    await settle();
    expect(order).toEqual(['start load']);
    finishLoad();
    await settle();
    // A failing command answers with an error and does not hold up the ones after it.
    expect(order).toEqual(['start load', 'end load', 'start setParam', 'end setParam', 'start step', 'start play', 'end play']);
    expect(posted.map((p) => (p.message as { type: string }).type)).toEqual(['error']);
  });

  it('stops listening after dispose', async () => {
    const { bridge, send, handled, posted } = setup();
    bridge.dispose();
    send({ axon: 1, type: 'play' });
    bridge.post(axonEvent({ type: 'ready', version: 1 }));
    await settle();
    expect(handled).toEqual([]);
    expect(posted).toEqual([]);
  });
});

describe('createMessageBridge: posting events', () => {
  it('posts to each allowed origin, never to *', () => {
    const { bridge, posted } = setup([HOST, 'https://b.org']);
    bridge.post(axonEvent({ type: 'epoch', epoch: 3, loss: 0.25, testLoss: 0.3, accuracy: 0.9 }));
    expect(posted.map((p) => p.origin)).toEqual([HOST, 'https://b.org']);
    expect(posted[0].message).toEqual({ axon: 1, type: 'epoch', epoch: 3, loss: 0.25, testLoss: 0.3, accuracy: 0.9 });
  });

  it('without an allow-list, posts stateless events to * and state only to the host that asked', async () => {
    const { bridge, posted, warnings, send } = setup(null);
    bridge.post(axonEvent({ type: 'ready', version: 1 }));
    expect(posted).toEqual([{ message: { axon: 1, type: 'ready', version: 1 }, origin: '*' }]);

    bridge.post(axonEvent({ type: 'state', state: { version: 1 } }));
    expect(posted).toHaveLength(1);
    expect(warnings[0]).toMatch(/did not post a "state" event/);

    send({ axon: 1, type: 'getState' }, 'https://teacher.example');
    await settle();
    bridge.post(axonEvent({ type: 'state', state: { version: 1 } }));
    expect(posted[1]).toEqual({ message: { axon: 1, type: 'state', state: { version: 1 } }, origin: 'https://teacher.example' });
  });

  it('does nothing when there is no parent, and survives a postMessage that throws', () => {
    const target = new EventTarget() as unknown as Parameters<typeof createMessageBridge>[0]['target'];
    const alone = createMessageBridge({ target, parent: null, allowedOrigins: null, handle: () => {} });
    expect(() => alone.post(axonEvent({ type: 'stopped', reason: 'max epochs' }))).not.toThrow();

    const warnings: string[] = [];
    const broken = createMessageBridge({
      target,
      parent: {
        postMessage() {
          throw new DOMException('could not be cloned', 'DataCloneError');
        }
      },
      allowedOrigins: null,
      handle: () => {},
      warn: (m) => warnings.push(m)
    });
    expect(() => broken.post(axonEvent({ type: 'diverged', step: 12, message: 'loss is NaN' }))).not.toThrow();
    expect(warnings).toEqual(['Axon could not post a "diverged" event to *: could not be cloned']);
  });

  it('posts only to the parent origin the browser reported, and nothing to a parent outside the allow-list', () => {
    const inList = setup([HOST, 'https://b.org'], undefined, 'https://b.org');
    inList.bridge.post(axonEvent({ type: 'ready', version: 1 }));
    expect(inList.posted.map((p) => p.origin)).toEqual(['https://b.org']);

    const outside = setup([HOST], undefined, 'https://evil.example');
    outside.bridge.post(axonEvent({ type: 'ready', version: 1 }));
    expect(outside.posted).toEqual([]);
  });

  it('after a valid command, posts to that host only', async () => {
    const { bridge, posted, send } = setup([HOST, 'https://b.org']);
    send({ axon: 1, type: 'pause' }, 'https://b.org');
    await settle();
    bridge.post(axonEvent({ type: 'stopped', reason: 'paused' }));
    expect(posted).toEqual([{ message: { axon: 1, type: 'stopped', reason: 'paused' }, origin: 'https://b.org' }]);
  });
});

describe('detectParentOrigin', () => {
  const framed = (ancestors: string[] | undefined) => ({ parent: {}, location: { ancestorOrigins: ancestors } }) as never;
  it('prefers location.ancestorOrigins, then the referrer, and is null outside a frame', () => {
    expect(detectParentOrigin(framed(['https://course.example.edu']), 'https://other.example/page')).toBe('https://course.example.edu');
    expect(detectParentOrigin(framed(undefined), 'https://lms.example.org/course/12?x=1')).toBe('https://lms.example.org');
    expect(detectParentOrigin(framed([]), '')).toBeNull();
    expect(detectParentOrigin(framed(['null']), 'not a url')).toBeNull();
    const top: Record<string, unknown> = { location: {} };
    top.parent = top;
    expect(detectParentOrigin(top as never, 'https://a.example/')).toBeNull();
  });
});
