import { describe, expect, it } from 'vitest';
import { createMessageBridge, type MessageSink } from './bridge';
import type { AxonEvent, Command } from './messages';

const HOST = 'https://course.example.edu';

function setup(options: { allowedOrigins?: string[] | null; handle?: (c: Command, reply: (e: AxonEvent) => void) => void | Promise<void> } = {}) {
  const target = new EventTarget();
  const posted: { message: { type?: string; message?: string }; origin: string }[] = [];
  const parent: MessageSink = { postMessage: (message, origin) => posted.push({ message: message as never, origin }) };
  const handled: Command[] = [];
  const warnings: string[] = [];
  let clock = 0;
  const bridge = createMessageBridge({
    target: target as unknown as Parameters<typeof createMessageBridge>[0]['target'],
    parent,
    allowedOrigins: options.allowedOrigins === undefined ? null : options.allowedOrigins,
    handle: options.handle ?? ((c) => void handled.push(c)),
    warn: (m) => warnings.push(m),
    now: () => clock
  });
  const send = (data: unknown, origin = HOST) => target.dispatchEvent(new MessageEvent('message', { data, origin }));
  const tick = (ms: number) => (clock += ms);
  return { bridge, send, handled, warnings, posted, tick };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a host that floods the playground', () => {
  it('1,000 messages in one second: a burst passes, the rest are dropped with one error event per second', async () => {
    const { send, handled, posted, tick } = setup();
    for (let i = 0; i < 1000; i++) {
      send({ axon: 1, type: 'step' });
      tick(1);
    }
    await settle();
    // 100 at once, then 50 a second refill over the second: about 150 in all.
    expect(handled.length).toBeGreaterThanOrEqual(140);
    expect(handled.length).toBeLessThanOrEqual(151);
    const errors = posted.filter((p) => p.message.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].message.message).toMatch(/^Too many messages: Axon takes at most 50 commands a second/);

    // The next second's flood gets its own (single) notice, counting what was dropped meanwhile.
    for (let i = 0; i < 1000; i++) {
      send({ axon: 1, type: 'step' });
      tick(1);
    }
    const later = posted.filter((p) => p.message.type === 'error');
    expect(later).toHaveLength(2);
    expect(later[1].message.message).toMatch(/ignored \d{3} since the last notice/);
  });

  it('a host that calms down is served again at once', async () => {
    const { send, handled, tick } = setup();
    for (let i = 0; i < 300; i++) send({ axon: 1, type: 'pause' });
    await settle();
    expect(handled).toHaveLength(100);
    tick(2000);
    send({ axon: 1, type: 'play' });
    await settle();
    expect(handled.at(-1)).toEqual({ axon: 1, type: 'play' });
  });

  it('other scripts’ traffic does not use up the allowance', async () => {
    const { send, handled } = setup();
    for (let i = 0; i < 500; i++) send({ context: 'h5p', action: 'hello' });
    send({ axon: 1, type: 'play' });
    await settle();
    expect(handled).toEqual([{ axon: 1, type: 'play' }]);
  });
});

describe('answers go to the page that asked', () => {
  it('without an allow-list, a getState answer goes to the asking origin even if another page spoke since', async () => {
    const other = 'https://other.example';
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { send, posted } = setup({
      handle: async (command, reply) => {
        if (command.type !== 'getState') return;
        await gate;
        reply({ axon: 1, type: 'state', state: { secret: 1 } });
      }
    });
    send({ axon: 1, type: 'getState' }, HOST);
    send({ axon: 1, type: 'play' }, other);
    release();
    await settle();
    expect(posted.filter((p) => p.message.type === 'state').map((p) => p.origin)).toEqual([HOST]);
  });

  it('a failing command’s error goes to its sender', async () => {
    const { send, posted } = setup({
      handle: () => {
        throw new Error('no network yet');
      }
    });
    send({ axon: 1, type: 'step' }, HOST);
    await settle();
    expect(posted).toEqual([{ message: { axon: 1, type: 'error', message: 'The "step" command failed: no network yet' }, origin: HOST }]);
  });

  it('postOther sends a height like an event without work: anywhere without a list, only to allowed origins with one', () => {
    const open = setup();
    open.bridge.postOther({ subject: 'lti.frameResize', height: 512 });
    expect(open.posted).toEqual([{ message: { subject: 'lti.frameResize', height: 512 }, origin: '*' }]);
    const listed = setup({ allowedOrigins: [HOST, 'https://b.example'] });
    listed.bridge.postOther({ subject: 'lti.frameResize', height: 512 });
    expect(listed.posted.map((p) => p.origin)).toEqual([HOST, 'https://b.example']);
  });
});
