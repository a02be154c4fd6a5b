import { describe, expect, it } from 'vitest';
import type { LrSchedule } from '../../../workers/protocol';
import { defaultState } from './defaults';
import { exportStateJson, importStateJson } from './file';
import type { PlaygroundState } from './playground';
import { decodeState, encodeState, toBase64Url } from './url';

const withSchedule = (schedule: LrSchedule, learningRate = 0.03): PlaygroundState => {
  const state = defaultState();
  return { ...state, settings: { ...state.settings, learningRate, schedule } };
};

async function linkOf(value: unknown): Promise<string> {
  const stream = new Blob([JSON.stringify(value)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return `v1.${toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()))}`;
}

const SCHEDULES: LrSchedule[] = [
  { kind: 'constant' },
  { kind: 'step', every: 50, factor: 0.5 },
  { kind: 'exponential', every: 20, factor: 0.9 },
  { kind: 'cosine', epochs: 300, alpha: 0.05 },
  { kind: 'cyclical', halfCycle: 25, maxRate: 0.3 }
];

describe('learning-rate schedules in links and files', () => {
  for (const schedule of SCHEDULES) {
    it(`${schedule.kind} survives a link and a file`, async () => {
      const state = withSchedule(schedule);
      const link = await decodeState(await encodeState(state));
      expect(link.warnings).toEqual([]);
      expect(link.state?.settings.schedule).toEqual(schedule);
      const file = importStateJson(exportStateJson(state));
      expect(file.ok && file.state.settings.schedule).toEqual(schedule);
    });
  }

  it('a link or file from before schedules trains at a constant rate', async () => {
    const state = defaultState();
    delete state.settings.schedule;
    const link = await decodeState(await encodeState(state));
    expect(link.warnings).toEqual([]);
    expect(link.state?.settings.schedule).toBeUndefined();
    const file = importStateJson(exportStateJson(state));
    expect(file.ok && file.state.settings.schedule).toBeUndefined();
  });

  it('a damaged schedule in a link falls back to a constant rate, with a warning', async () => {
    const bad = { ...withSchedule({ kind: 'step', every: 10, factor: 0.5 }), settings: { ...defaultState().settings, schedule: { kind: 'step', every: -3, factor: 0.5 } } };
    const link = await decodeState(await linkOf(bad));
    expect(link.state?.settings.schedule).toBeUndefined();
    expect(link.warnings.join('\n')).toMatch(/settings\.schedule.*using the default/);
    const low = await decodeState(await linkOf(withSchedule({ kind: 'cyclical', halfCycle: 5, maxRate: 0.01 }, 0.1)));
    expect(low.state?.settings.schedule).toBeUndefined();
    expect(low.warnings).toEqual(['settings.schedule.maxRate is 0.01; it must be at least the learning rate (0.1); training at a constant rate']);
  });

  it('a file with a broken schedule is refused with the reason', () => {
    const result = importStateJson(exportStateJson(withSchedule({ kind: 'cyclical', halfCycle: 5, maxRate: 0.01 }, 0.1)));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.join('\n')).toMatch(/maxRate is 0\.01/);
    const unknown = JSON.parse(exportStateJson(defaultState()));
    unknown.state.settings.schedule = { kind: 'warp' };
    const refused = importStateJson(JSON.stringify(unknown));
    expect(refused.ok).toBe(false);
  });
});
