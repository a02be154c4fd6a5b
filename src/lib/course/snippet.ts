/**
 * What a teacher pastes into a course page to embed Axon with embed.js. The options are written as the
 * `data-axon` attribute; the script's address is next to the app's own page.
 */
import { escapeAttribute } from '../embed/params';

/** `pageUrl` is the app's address (its folder holds embed.js); `options` become the data-axon value. */
export function embedScriptSnippet(pageUrl: string, options: Record<string, string>): string {
  const script = new URL('embed.js', pageUrl);
  const query = new URLSearchParams(options).toString();
  return `<script src="${escapeAttribute(script.href)}"></script>\n<div data-axon="${escapeAttribute(query)}"></div>`;
}
