import { describe, expect, it } from 'vitest';
import { defaultState } from './defaults';
import type { PlaygroundState } from './playground';
import { paramCounts } from './spec';
import { decodeState, encodeState, fromBase64Url, linkParam, linkWarnings, longLinkMessage, SAFE_LINK_CHARS, toBase64Url } from './url';

// Tests damage arbitrary JSON on purpose, so its shape is deliberately loose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** Packs any JSON value as a v1 link, to build damaged links on purpose. */
async function linkOf(value: unknown): Promise<string> {
  const stream = new Blob([JSON.stringify(value)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return `v1.${toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()))}`;
}

const bigTable = (): PlaygroundState => {
  const rows = 3000;
  return {
    ...defaultState(),
    data: {
      kind: 'table',
      name: 'big',
      columns: ['a', 'b'],
      x: Array.from({ length: rows * 2 }, (_, i) => Math.round(Math.sin(i) * 1e6) / 1e3),
      y: Array.from({ length: rows }, (_, i) => i % 2),
      classes: ['no', 'yes'],
      targetColumns: [],
      isTest: Array.from({ length: rows }, (_, i) => (i % 5 === 0 ? 1 : 0))
    }
  };
};

describe('encodeState / decodeState', () => {
  it('round-trips to a deep-equal state, compactly and URL-safely', async () => {
    const state = defaultState();
    state.settings = { ...state.settings, learningRate: 0.1, optimizer: 'adam', seed: 42 };
    const param = await encodeState(state);
    expect(param).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(param.length).toBeLessThan(JSON.stringify(state).length * 0.7);
    expect(await decodeState(param)).toEqual({ state, warnings: [] });
  });

  it('round-trips a small table', async () => {
    const state: PlaygroundState = {
      ...defaultState(),
      data: { kind: 'table', name: 'course', columns: ['x1', 'x2'], x: [0.5, 1, -2, 3], y: [1, 0], classes: ['a', 'b'], targetColumns: [], isTest: [0, 0] }
    };
    expect(await decodeState(await encodeState(state))).toEqual({ state, warnings: [] });
  });

  it('leaves a 60 kB table out of the link, with a warning on both sides', async () => {
    const state = bigTable();
    expect(JSON.stringify(state.data).length).toBeGreaterThan(60_000);
    expect(linkWarnings(state)[0]).toMatch(/^The table “big” \(\d+ kB\) is too large for a link \(limit 50 kB\)/);
    expect(linkWarnings(defaultState())).toEqual([]);
    const param = await encodeState(state);
    expect(param.length).toBeLessThan(2000);
    const decoded = await decodeState(param);
    expect(decoded.state).toEqual({ ...state, data: defaultState().data });
    expect(decoded.warnings).toHaveLength(1);
    expect(decoded.warnings[0]).toMatch(/^The table “big” \(\d+ kB\) was too large for the link and was left out: showing the default data instead\.$/);
  });

  it('keeps the doc and defaults the settings when only the settings are broken', async () => {
    const value = JSON.parse(JSON.stringify(defaultState()));
    value.settings.learningRate = -1;
    value.settings.loss = 'focal';
    const { state, warnings } = await decodeState(await linkOf(value));
    expect(state).toEqual(defaultState());
    expect(warnings).toEqual([
      'settings.learningRate: must be more than 0 (got -1); using the default (0.03)',
      'settings.loss: unknown "focal" (expected one of mse, half_sse, mae, bce, cce, sparse_cce, hinge, squared_hinge, log_cosh, huber); using the default (bce)'
    ]);
    const noSettings = await decodeState(await linkOf({ ...defaultState(), settings: 'x' }));
    expect(noSettings.state).toEqual(defaultState());
    expect(noSettings.warnings).toEqual(['settings: could not be read ("x"); using the default settings']);
  });

  it('keeps the doc when the data or view are broken', async () => {
    const { state, warnings } = await decodeState(await linkOf({ ...defaultState(), data: { kind: 'generated', generator: 'swirl' }, view: [] }));
    expect(state).toEqual(defaultState());
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^data\.generator: unknown "swirl".*; using the default data$/);
    expect(warnings[1]).toBe('view.xColumn: missing (and 1 more problem); using the default view');
  });

  it.each<[string, () => Promise<string> | string, RegExp]>([
    ['empty', () => '', /holds no playground/],
    ['no prefix', () => 'abcdef', /not an Axon link: it should start with "v1\."/],
    ['wrong prefix v9.', async () => `v9.${(await encodeState(defaultState())).slice(3)}`, /newer Axon \(version 9\); this one reads version 1/],
    ['version 0', () => 'v0.abc', /unknown version \(0\)/],
    ['bad characters', () => 'v1.abc$%^', /characters that do not belong/],
    ['impossible base64 length', () => 'v1.abcde', /characters that do not belong/],
    ['truncated base64', async () => (await encodeState(defaultState())).slice(0, 43), /damaged \(perhaps cut short\)/],
    ['random bytes', () => `v1.${toBase64Url(Uint8Array.from({ length: 300 }, (_, i) => (i * 7919 + 13) % 256))}`, /damaged/],
    ['not deflated', () => `v1.${toBase64Url(new TextEncoder().encode('{"version":1}'))}`, /damaged/],
    ['deflated non-JSON', () => linkOfText('not json at all'), /contents are not a playground/],
    ['deflated null', () => linkOf(null), /holds null, not a playground/],
    ['deflated array', () => linkOf([1, 2]), /holds a list, not a playground/],
    ['missing doc', () => linkOf({ ...defaultState(), doc: undefined }), /^doc: expected an object, got nothing$/],
    ['unknown activation', () => linkOf(damaged((s) => (s.doc.nodes[3].activation = 'relux'))), /^doc\.nodes\[3\]\.activation: unknown "relux"/],
    ['negative units', () => linkOf(damaged((s) => (s.doc.nodes[2].units = -1))), /^doc\.nodes\[2\]\.units: must be at least 0/],
    ['edge to a missing node', () => linkOf(damaged((s) => (s.doc.edges[2].from = 'nope'))), /^doc\.edges\[2\]\.from: there is no node "nope"/],
    ['a cycle', () => linkOf(damaged((s) => s.doc.edges.push({ id: 'e9', from: 'out1', to: 'h1' }))), /cycle: h1 → h2 → out1 → h1/],
    ['state from the future', () => linkOf({ ...defaultState(), version: 4 }), /newer Axon \(version 4\)/],
    ['huge string', () => `v1.${'A'.repeat(5_000_000)}`, /too long/]
  ])('%s gives a null state and a message', async (_name, make, message) => {
    const result = await decodeState(await make());
    expect(result.state).toBeNull();
    expect(result.warnings.length).toBeGreaterThan(0);
    expect(result.warnings[0]).toMatch(message);
  });

  it('never throws, whatever it is given', async () => {
    for (const value of [null, undefined, 42, {}, 'v1.', 'v1.====', 'v1.' + 'A'.repeat(100_000)]) {
      const result = await decodeState(value as unknown as string);
      expect(result.state).toBeNull();
      expect(result.warnings.length).toBeGreaterThan(0);
    }
  });

  it('refuses a link that inflates past the limit (a zip bomb)', async () => {
    const bomb = new Blob([new Uint8Array(80_000_000).fill(32)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(bomb).arrayBuffer());
    const result = await decodeState(`v1.${toBase64Url(bytes)}`);
    expect(result).toEqual({ state: null, warnings: ['The link is damaged (perhaps cut short): its contents could not be unpacked.'] });
  });

  it('base64url round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 * 3 + 1 }, (_, i) => i % 256);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
  });
});

function damaged(edit: (state: Loose) => void): unknown {
  const value = JSON.parse(JSON.stringify(defaultState()));
  edit(value);
  return value;
}

async function linkOfText(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return `v1.${toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()))}`;
}

describe('links in the fragment, with weights, and their safe length', () => {
  it('reads the fragment first and still reads old ?s= links', () => {
    expect(linkParam('', '#s=v1.abc')).toBe('v1.abc');
    expect(linkParam('?s=v1.old', '')).toBe('v1.old');
    expect(linkParam('?s=v1.old', '#s=v1.new')).toBe('v1.new');
    expect(linkParam('?embed=1', '#other')).toBeNull();
  });

  it('carries the trained weights and frozen marks exactly, and drops weights that do not fit the network', async () => {
    const state = defaultState();
    const count = paramCounts(state.doc).total;
    const params = Float32Array.from({ length: count }, (_, i) => Math.sin(i) * 3.7);
    const frozen = Uint8Array.from({ length: count }, (_, i) => (i === 2 ? 1 : 0));
    const decoded = await decodeState(await encodeState(state, { params, frozen }));
    expect(decoded.warnings).toEqual([]);
    expect(Array.from(decoded.weights!.params)).toEqual(Array.from(params));
    expect(Array.from(decoded.weights!.frozen!)).toEqual(Array.from(frozen));

    const unfrozen = await decodeState(await encodeState(state, { params, frozen: new Uint8Array(count) }));
    expect(unfrozen.weights!.frozen).toBeNull();

    const wrong = await decodeState(await linkOf({ ...state, weights: { params: toBase64Url(new Uint8Array(8)) } }));
    expect(wrong.state).not.toBeNull();
    expect(wrong.weights).toBeUndefined();
    expect(wrong.warnings).toEqual([`The trained weights in the link do not fit this network (${count} parameters); the network starts from its initial weights.`]);

    const nan = new Float32Array(count).fill(NaN);
    const notFinite = await decodeState(await encodeState(state, { params: nan, frozen: null }));
    expect(notFinite.weights).toBeUndefined();
    expect(notFinite.warnings.join(' ')).toMatch(/not all finite/);
  });

  it('names the safe length and its constant when a link is too long', () => {
    expect(longLinkMessage(SAFE_LINK_CHARS + 1)).toContain(`over the ${SAFE_LINK_CHARS.toLocaleString('en')}`);
    expect(longLinkMessage(12_345)).toMatch(/12,345 characters.*SAFE_LINK_CHARS.*Export JSON/);
  });
});
