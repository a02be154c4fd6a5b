/**
 * Topological order (Kahn's algorithm), the one used everywhere a network is walked: the compiled
 * program, the model summary, the export plan and the backprop step-through. Among the items ready at
 * once the earliest in the given order goes first, so the result is stable. Items on a cycle are left
 * out (callers that care compare the lengths); edges naming unknown ids are ignored.
 */
export function topologicalOrder<T extends { id: string }>(items: readonly T[], edges: readonly { from: string; to: string }[]): T[] {
  const position = new Map(items.map((item, i) => [item.id, i]));
  const indegree = new Array<number>(items.length).fill(0);
  const children: number[][] = items.map(() => []);
  for (const e of edges) {
    const from = position.get(e.from);
    const to = position.get(e.to);
    if (from === undefined || to === undefined) continue;
    children[from].push(to);
    indegree[to]++;
  }
  const ready: number[] = [];
  for (let i = 0; i < items.length; i++) if (indegree[i] === 0) ready.push(i);
  const order: T[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => a - b);
    const v = ready.shift() as number;
    order.push(items[v]);
    for (const w of children[v]) if (--indegree[w] === 0) ready.push(w);
  }
  return order;
}
