/** Which panels an embed shows, and how its compact layout arranges them. */
export type PanelName = 'network' | 'output' | 'data' | 'curves' | 'metrics' | 'controls' | 'learn';

export interface EmbedRules {
  show: (name: PanelName) => boolean;
  /** network and output side by side in the iframe's height */
  sideBySide: boolean;
}

/** `panels`: the embed's panel list, or null for the full page (every panel). */
export function embedRules(panels: ReadonlySet<PanelName> | null, compact: boolean): EmbedRules {
  const show = (name: PanelName) => !panels || panels.has(name);
  return { show, sideBySide: compact && show('network') && (show('output') || show('curves')) };
}
