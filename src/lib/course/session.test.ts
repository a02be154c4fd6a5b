import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EpochRecord, Snapshot } from '../../../workers/protocol';
import { readChallenge } from './challenges';
import { ChallengeSession } from './session.svelte';

const rec = (epoch: number, testAccuracy: number, testLoss = 0.3): EpochRecord => ({
  epoch,
  trainLoss: testLoss,
  testLoss,
  trainAccuracy: testAccuracy,
  testAccuracy
});
function snap(epochs: EpochRecord[], current: EpochRecord, params = 25, running = true): Snapshot {
  return { epochs, current, params: new Float32Array(params), running, epoch: current.epoch } as unknown as Snapshot;
}
function session(query: string) {
  const reached: Record<string, number>[] = [];
  const failures: string[] = [];
  const s = new ChallengeSession(readChallenge(new URLSearchParams(query))!.challenge, {
    onReached: (_r, results) => reached.push(results),
    onReportFailed: (m) => failures.push(m),
    hostOrigin: () => 'https://course.example',
    now: () => 1000
  });
  return { s, reached, failures };
}

afterEach(() => vi.unstubAllGlobals());

describe('ChallengeSession', () => {
  it('keeps the best figure per condition and reaches the goal once, at the epoch that met it', () => {
    const { s, reached } = session('challenge=spiral-30');
    s.observe(snap([rec(1, 0.6), rec(2, 0.7)], rec(2, 0.7)));
    expect(s.best).toEqual([25, 0.7]);
    expect(s.reached).toBeNull();
    // Met at epoch 3 between snapshots, not at the snapshot's own moment.
    s.observe(snap([rec(3, 0.92), rec(4, 0.88)], rec(4, 0.88)));
    expect(s.reached).toEqual({ epoch: 3, values: [25, 0.92] });
    expect(s.best).toEqual([25, 0.92]);
    expect(s.latest).toEqual([25, 0.88]);
    s.observe(snap([rec(5, 0.95)], rec(5, 0.95)));
    expect(reached).toEqual([{ params: 25, test_accuracy: 0.92 }]);
  });

  it('a network over the parameter limit does not reach it, however accurate', () => {
    const { s } = session('challenge=spiral-30');
    s.observe(snap([rec(1, 0.99)], rec(1, 0.99), 31));
    expect(s.reached).toBeNull();
  });

  it('says when the epoch budget is spent without the goal', () => {
    const { s } = session('goal=test_accuracy>=0.9&max_epochs=10');
    s.observe(snap([rec(10, 0.5)], rec(10, 0.5), 25, false));
    expect(s.outOfEpochs).toBe(true);
    expect(s.reached).toBeNull();
  });

  it('a goal that could not be read observes nothing and refuses an LRS with its reason', () => {
    const { s } = session('goal=accuracy>>2');
    s.observe(snap([rec(1, 1)], rec(1, 1)));
    expect(s.reached).toBeNull();
    expect(() => s.setXapi({ axon: 1, type: 'xapi', endpoint: 'https://lrs.example/' })).toThrow(/unknown measure "accuracy"/);
  });

  it('sends the statement when the goal is met, and a failing LRS becomes a message, not a crash', async () => {
    const { s, failures } = session('goal=test_accuracy>=0.9');
    vi.stubGlobal('location', { origin: 'https://axon.example' });
    const fetchMock = vi.fn(async () => new Response('', { status: 500, statusText: 'Server Error' }));
    vi.stubGlobal('fetch', fetchMock);
    s.setXapi({ axon: 1, type: 'xapi', endpoint: 'https://lrs.example/xapi', auth: 'Basic x' });
    s.observe(snap([rec(1, 0.95)], rec(1, 0.95)));
    await vi.waitFor(() => expect(s.report?.kind).toBe('failed'));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(s.report!.text).toMatch(/could not be sent to the course: .*HTTP 500/);
    expect(failures[0]).toMatch(/^xAPI: the result could not be sent/);
  });

  it('an LRS given after the goal was met still gets the result', async () => {
    const { s } = session('goal=test_accuracy>=0.9');
    vi.stubGlobal('location', { origin: 'https://axon.example' });
    const fetchMock = vi.fn(async () => new Response('["ok"]', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    s.observe(snap([rec(1, 0.95)], rec(1, 0.95)));
    s.setXapi({ axon: 1, type: 'xapi', endpoint: 'https://lrs.example/xapi' });
    await vi.waitFor(() => expect(s.report?.kind).toBe('sent'));
  });
});
