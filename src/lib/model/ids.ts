/**
 * Short, readable ids ('h1', 'h2', 'e7'): people see them in messages and in the model summary,
 * so they stay small instead of being random UUIDs.
 */
export function newId(prefix: string, taken: Iterable<string>): string {
  const used = taken instanceof Set ? (taken as Set<string>) : new Set(taken);
  for (let n = 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!used.has(id)) return id;
  }
}
