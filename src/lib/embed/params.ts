/**
 * The embed options read from the page URL (`/embed?panels=network,output&lock=all&autoplay=1&origins=...`).
 * Bad values never throw: each one becomes a warning sentence for the page to show, and a safe default is used.
 */
import { readChallenge, type ChallengeConfig } from '../course/challenges';
import { formatCompare, parseCompare, type CompareOption } from './compare-option';

export const PANELS = ['network', 'output', 'data', 'curves', 'metrics', 'controls', 'learn'] as const;
export type Panel = (typeof PANELS)[number];

export const LOCKS = ['all', 'network', 'data', 'settings', 'controls'] as const;
export type Lock = (typeof LOCKS)[number];

export interface EmbedConfig {
  /** the page runs as an embed (path /embed, or embed=1) */
  embed: boolean;
  /** panels to show; every panel when the URL names none */
  panels: Set<Panel>;
  /** what the learner may not change */
  lock: Set<Lock>;
  autoplay: boolean;
  /**
   * `fit=1`: the page takes the height of its content instead of filling the frame, and the frame is sized to
   * it (embed.js, Canvas, H5P resizers); embed.js asks for it unless the host fixes a height
   */
  fit?: boolean;
  /** origins allowed to drive the playground with postMessage; null = any */
  origins: string[] | null;
  preset: string | null;
  /** `compare=optimizer:sgd,adam`: run B beside run A, differing in one setting; null = no comparison */
  compare?: CompareOption | null;
  /** a goal to reach (`challenge=spiral-30`, or `goal=test_accuracy>=0.95&max_epochs=500`); null = none */
  challenge?: ChallengeConfig | null;
  warnings: string[];
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on', '']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off']);
const PRESET_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/i;
const MAX_ORIGINS = 20;

function parseFlag(name: string, raw: string | null, warnings: string[]): boolean {
  if (raw === null) return false;
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  warnings.push(`${name}="${clip(raw)}" is not 1 or 0; using 0.`);
  return false;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function parseList<T extends string>(
  name: string,
  raw: string,
  allowed: readonly T[],
  warnings: string[]
): Set<T> {
  const chosen = new Set<T>();
  for (const part of raw.split(',')) {
    const word = part.trim().toLowerCase();
    if (!word) continue;
    if ((allowed as readonly string[]).includes(word)) chosen.add(word as T);
    else warnings.push(`${name}: unknown "${clip(part.trim())}" (known: ${allowed.join(', ')}).`);
  }
  return chosen;
}

/** An origin as the browser reports it in MessageEvent.origin: scheme://host[:port], nothing else. */
export function normaliseOrigin(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return null;
  return url.origin;
}

function parseOrigins(raw: string, warnings: string[]): string[] | null {
  const origins: string[] = [];
  for (const part of raw.split(',')) {
    const text = part.trim();
    if (!text) continue;
    const origin = normaliseOrigin(text);
    if (origin === null) warnings.push(`origins: "${clip(text)}" is not an origin like https://course.example.edu.`);
    else if (!origins.includes(origin)) origins.push(origin);
  }
  if (origins.length > MAX_ORIGINS) {
    warnings.push(`origins: only the first ${MAX_ORIGINS} are used.`);
    origins.length = MAX_ORIGINS;
  }
  // An allow-list that was asked for but came out empty must not open the door to everyone.
  if (origins.length === 0) warnings.push('origins: no valid origin given; messages from other pages are refused.');
  return origins;
}

/**
 * Reads the embed options. `pathname` lets `/embed` switch embedding on without `embed=1`.
 */
export function parseEmbedParams(search: string | URLSearchParams, pathname = ''): EmbedConfig {
  const params = typeof search === 'string' ? new URLSearchParams(search.startsWith('?') ? search.slice(1) : search) : search;
  const warnings: string[] = [];

  const embedPath = /(^|\/)embed\/?$/.test(pathname);
  const embed = embedPath || parseFlag('embed', params.get('embed'), warnings);

  let panels = new Set<Panel>(PANELS);
  const panelsRaw = params.get('panels');
  if (panelsRaw !== null) {
    const chosen = parseList('panels', panelsRaw, PANELS, warnings);
    if (chosen.size > 0) panels = chosen;
    else warnings.push('panels: none of the names is known; showing every panel.');
  }

  // A ready challenge brings its preset and locks; the link's own preset and lock win.
  const challengeRead = readChallenge(params);
  const lockRaw = params.get('lock') ?? challengeRead?.lock ?? null;
  const lock = lockRaw === null ? new Set<Lock>() : parseList('lock', lockRaw, LOCKS, warnings);
  if (lock.has('all')) {
    lock.clear();
    for (const name of LOCKS) lock.add(name);
  }

  const autoplay = parseFlag('autoplay', params.get('autoplay'), warnings);
  const fit = parseFlag('fit', params.get('fit'), warnings);

  const originsRaw = params.get('origins');
  const origins = originsRaw === null ? null : parseOrigins(originsRaw, warnings);

  let preset: string | null = null;
  const presetRaw = params.get('preset') ?? challengeRead?.preset ?? null;
  if (presetRaw !== null) {
    if (PRESET_PATTERN.test(presetRaw.trim())) preset = presetRaw.trim();
    else warnings.push(`preset: "${clip(presetRaw)}" is not a preset name (letters, digits, - and _).`);
  }

  let compare: CompareOption | null = null;
  const compareRaw = params.get('compare');
  if (compareRaw !== null) {
    const read = parseCompare(compareRaw);
    if ('option' in read) compare = read.option;
    else warnings.push(read.problem);
  }

  return { embed, panels, lock, autoplay, fit, origins, preset, compare, challenge: challengeRead?.challenge ?? null, warnings };
}

/** The URL parameters that reproduce `config` (only what differs from the defaults). */
type SnippetOptions = Pick<EmbedConfig, 'panels' | 'lock' | 'autoplay' | 'fit' | 'origins' | 'preset' | 'compare'>;

export function embedQuery(config: SnippetOptions): URLSearchParams {
  const params = new URLSearchParams();
  params.set('embed', '1');
  if (config.panels.size > 0 && config.panels.size < PANELS.length) {
    params.set('panels', PANELS.filter((p) => config.panels.has(p)).join(','));
  }
  if (config.lock.has('all') || LOCKS.every((l) => l === 'all' || config.lock.has(l))) params.set('lock', 'all');
  else if (config.lock.size > 0) params.set('lock', LOCKS.filter((l) => config.lock.has(l)).join(','));
  if (config.autoplay) params.set('autoplay', '1');
  if (config.fit) params.set('fit', '1');
  if (config.origins) params.set('origins', config.origins.join(','));
  if (config.preset) params.set('preset', config.preset);
  if (config.compare) params.set('compare', formatCompare(config.compare));
  return params;
}

/** Text safe inside a double-quoted HTML attribute. */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The `<iframe>` code a teacher pastes into a course page.
 * `pageUrl` is the playground's address (its path and query are replaced by /embed and the options);
 * `stateParam` is the encoded state as `name=value` (e.g. "s=AbC..."), or '' for none; it goes in the fragment.
 */
export function embedSnippet(
  pageUrl: string,
  stateParam: string,
  config: SnippetOptions,
  size: { width?: number; height?: number } = {}
): string {
  const width = Math.round(size.width ?? 600);
  const height = Math.round(size.height ?? 400);
  const url = new URL(pageUrl);
  // Keep the app's base path (it may be served from a sub-folder), swap the last segment for "embed".
  const base = url.pathname.replace(/\/[^/]*$/, '/');
  url.pathname = `${base}embed`;
  url.hash = '';
  const query = embedQuery(config);
  // The /embed path already says it; the page's own query (its state, its options) is replaced whole.
  query.delete('embed');
  url.search = query.toString();
  // The state rides in the fragment, which is never sent to a server (no length limit from it).
  if (stateParam) url.hash = stateParam;
  const src = escapeAttribute(url.toString());
  return (
    `<iframe src="${src}" width="${width}" height="${height}" ` +
    `style="border:1px solid #cbd5e1;border-radius:8px;max-width:100%" loading="lazy" ` +
    `title="Axon neural-network playground" allow="clipboard-write"></iframe>`
  );
}
