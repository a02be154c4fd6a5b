/** The ids the backprop step-through uses to point at units and links on the canvas. */
export function unitId(group: string, j: number): string {
  return `${group}:${j}`;
}

export function linkId(from: string, i: number, to: string, j: number): string {
  return `${from}:${i}->${to}:${j}`;
}

/** Parse a link id back into its ends; null when malformed. */
export function parseLinkId(id: string): { from: string; i: number; to: string; j: number } | null {
  const m = /^(.*):(\d+)->(.*):(\d+)$/.exec(id);
  return m ? { from: m[1], i: Number(m[2]), to: m[3], j: Number(m[4]) } : null;
}

export function parseUnitId(id: string): { group: string; j: number } | null {
  const m = /^(.*):(\d+)$/.exec(id);
  return m ? { group: m[1], j: Number(m[2]) } : null;
}
