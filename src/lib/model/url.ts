/**
 * The playground in a link: 'v1.' + base64url(deflate-raw(JSON)). Compact enough for a URL, versioned
 * so old links keep opening, and read leniently: a damaged link opens whatever can still be read.
 *
 * Links carry it in the fragment (`/#s=v1.…`), which browsers never send to a server: a long playground
 * cannot be refused by the server (HTTP 431) before the page even loads. Older `?s=` links still open.
 * A link may also carry the trained weights (as little-endian float32 bytes inside the same JSON).
 */
import { DEFAULT_DATA } from './defaults';
import type { PlaygroundState } from './playground';
import { recoverState, show } from './schema';
import { paramCounts } from './spec';

export const LINK_VERSION = 1;
/** Table data larger than this (as JSON) is left out of links: it would make them unshareable. */
export const MAX_LINK_TABLE_BYTES = 50_000;
/** Longer parameters are refused unread (browsers cap URLs well below this anyway). */
export const MAX_PARAM_CHARS = 4_000_000;
/** Unpacking stops here, so a crafted link cannot inflate into gigabytes. */
const MAX_INFLATED_BYTES = 64_000_000;
/**
 * Links longer than this (whole address, in characters) are not offered without a warning: chat apps, mail
 * clients and learning platforms cut or refuse longer ones, even though browsers open them. A file has no limit.
 */
export const SAFE_LINK_CHARS = 8_000;

/** Trained weights as a link carries them. */
export interface LinkWeights {
  params: Float32Array;
  /** 1 where a parameter is frozen; null when none is */
  frozen: Uint8Array | null;
}

/** The link's parameter (`s`), from the fragment (`#s=…`) or, for older links, the query (`?s=…`). */
export function linkParam(search: string, hash: string): string | null {
  const fromHash = new URLSearchParams(hash.replace(/^#/, '')).get('s');
  return fromHash ?? new URLSearchParams(search.replace(/^\?/, '')).get('s');
}

/** The sentence shown before making a link that is too long to share safely. */
export function longLinkMessage(chars: number): string {
  return (
    `This link is ${chars.toLocaleString('en')} characters long, over the ${SAFE_LINK_CHARS.toLocaleString('en')} that links can ` +
    `safely have (SAFE_LINK_CHARS): chat and mail may cut it. Share a file instead (Export JSON), or copy the long link anyway.`
  );
}

/** What stands in for a table that was too large for the link. */
interface OmittedTable {
  kind: 'omitted';
  name: string;
  bytes: number;
}

function tableTooLarge(state: PlaygroundState): OmittedTable | null {
  if (state.data.kind !== 'table') return null;
  const bytes = new TextEncoder().encode(JSON.stringify(state.data)).length;
  return bytes > MAX_LINK_TABLE_BYTES ? { kind: 'omitted', name: state.data.name, bytes } : null;
}

/** What the person sharing should be told about the link encodeState makes (empty when it is complete). */
export function linkWarnings(state: PlaygroundState): string[] {
  const omitted = tableTooLarge(state);
  return omitted ? [omittedMessage(omitted, 'sharing')] : [];
}

function omittedMessage(omitted: OmittedTable, when: 'sharing' | 'opening'): string {
  const size = `${Math.round(omitted.bytes / 1000)} kB`;
  return when === 'sharing'
    ? `The table “${omitted.name}” (${size}) is too large for a link (limit ${MAX_LINK_TABLE_BYTES / 1000} kB): the link opens with the default data instead. Export a file to share it.`
    : `The table “${omitted.name}” (${size}) was too large for the link and was left out: showing the default data instead.`;
}

export async function encodeState(state: PlaygroundState, weights?: LinkWeights): Promise<string> {
  const omitted = tableTooLarge(state);
  const payload: Record<string, unknown> = omitted ? { ...state, data: omitted } : { ...state };
  if (weights) {
    payload.weights = {
      params: toBase64Url(new Uint8Array(littleEndianFloats(weights.params))),
      ...(weights.frozen && weights.frozen.some((f) => f !== 0) ? { frozen: toBase64Url(weights.frozen) } : {})
    };
  }
  const packed = await transform(new TextEncoder().encode(JSON.stringify(payload)), new CompressionStream('deflate-raw'), Infinity);
  return `v${LINK_VERSION}.${toBase64Url(packed)}`;
}

function littleEndianFloats(values: Float32Array): ArrayBuffer {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((x, i) => view.setFloat32(i * 4, x, true));
  return view.buffer;
}

/** The weights a link carries, when they fit the link's network; otherwise a warning says why they were left out. */
function readLinkWeights(raw: unknown, state: PlaygroundState, warnings: string[]): LinkWeights | undefined {
  if (raw === undefined) return undefined;
  const drop = (why: string) => {
    warnings.push(`The trained weights in the link ${why}; the network starts from its initial weights.`);
    return undefined;
  };
  if (raw === null || typeof raw !== 'object' || typeof (raw as { params?: unknown }).params !== 'string') return drop('could not be read');
  const { params: packed, frozen: packedFrozen } = raw as { params: string; frozen?: unknown };
  const bytes = fromBase64Url(packed);
  const expected = paramCounts(state.doc).total;
  if (!bytes || bytes.length !== expected * 4) return drop(`do not fit this network (${expected} parameters)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const params = new Float32Array(expected);
  for (let i = 0; i < expected; i++) params[i] = view.getFloat32(i * 4, true);
  if (!params.every((x) => Number.isFinite(x))) return drop('are not all finite numbers');
  let frozen: Uint8Array | null = null;
  if (packedFrozen !== undefined) {
    const flags = typeof packedFrozen === 'string' ? fromBase64Url(packedFrozen) : null;
    if (flags && flags.length === expected && flags.every((f) => f === 0 || f === 1)) frozen = flags;
    else warnings.push('The frozen marks in the link could not be read; every weight is trainable.');
  }
  return { params, frozen };
}

/** Never throws: an unreadable link gives a null state and warnings that say why. */
export async function decodeState(param: string): Promise<{ state: PlaygroundState | null; warnings: string[]; weights?: LinkWeights }> {
  const fail = (message: string) => ({ state: null, warnings: [message] });
  try {
    if (typeof param !== 'string' || param.trim() === '') return fail('The link holds no playground.');
    if (param.length > MAX_PARAM_CHARS) return fail('The link is too long to be an Axon link.');
    const match = /^v(\d+)\.([\s\S]*)$/.exec(param.trim());
    if (!match) return fail(`This is not an Axon link: it should start with "v${LINK_VERSION}.", not ${show(param.slice(0, 8))}.`);
    const version = Number(match[1]);
    if (version !== LINK_VERSION) {
      return fail(
        version > LINK_VERSION
          ? `This link was made by a newer Axon (version ${version}); this one reads version ${LINK_VERSION}.`
          : `This link has an unknown version (${version}); this Axon reads version ${LINK_VERSION}.`
      );
    }
    const bytes = fromBase64Url(match[2]);
    if (!bytes) return fail('The link is damaged: it contains characters that do not belong in it (was it cut or changed?).');
    let text: string;
    try {
      const inflated = await transform(bytes, new DecompressionStream('deflate-raw'), MAX_INFLATED_BYTES);
      text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
    } catch {
      return fail('The link is damaged (perhaps cut short): its contents could not be unpacked.');
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return fail('The link is damaged: its contents are not a playground.');
    }
    const warnings: string[] = [];
    if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
      const raw = json as Record<string, unknown>;
      const data = raw.data as Partial<OmittedTable> | undefined;
      if (data && typeof data === 'object' && data.kind === 'omitted') {
        warnings.push(omittedMessage({ kind: 'omitted', name: String(data.name ?? 'table'), bytes: Number(data.bytes) || 0 }, 'opening'));
        json = { ...raw, data: { ...DEFAULT_DATA } };
      }
    }
    const recovered = recoverState(json);
    const all = [...warnings, ...recovered.warnings];
    if (!recovered.state) return { state: null, warnings: all };
    const weights = readLinkWeights((json as { weights?: unknown }).weights, recovered.state, all);
    return weights ? { state: recovered.state, warnings: all, weights } : { state: recovered.state, warnings: all };
  } catch (error) {
    // Last resort: decoding must never take the page down.
    return fail(`The link could not be read (${error instanceof Error ? error.message : String(error)}).`);
  }
}

/** Pushes bytes through a (de)compression stream, stopping with an error past `limit` output bytes. */
async function transform(input: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // Errors surface on the reading side; these promises are only settled so they are not reported as unhandled.
  writer.write(input as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new Error('the contents are too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode with a huge argument list overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** null when the text is not base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const binary = atob(padded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}
