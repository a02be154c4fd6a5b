/**
 * What slow work is under way (loading data, building the network in the worker, evaluating, exporting).
 * Controls read `active` at once, so Play and Reset cannot act on a network that is being replaced;
 * the page shows `shown` only after a short delay, so quick work does not flash a banner.
 */
export const SHOW_AFTER_MS = 200;

export class Busy {
  #tasks: { id: number; label: string; progress: number | null }[] = $state([]);
  #shownIds: number[] = $state([]);
  #next = 0;

  /** the oldest running task, or null */
  get active(): { label: string; progress: number | null } | null {
    return this.#tasks[0] ?? null;
  }

  /** the oldest task that has run longer than SHOW_AFTER_MS, or null */
  get shown(): { label: string; progress: number | null } | null {
    return this.#tasks.find((t) => this.#shownIds.includes(t.id)) ?? null;
  }

  /** Runs `work` as a named task; `report(fraction)` updates its progress where it is known. */
  async during<W>(label: string, work: W | ((report: (fraction: number) => void) => W)): Promise<Awaited<W>> {
    const id = ++this.#next;
    this.#tasks = [...this.#tasks, { id, label, progress: null }];
    const timer = setTimeout(() => (this.#shownIds = [...this.#shownIds, id]), SHOW_AFTER_MS);
    const report = (fraction: number) => {
      this.#tasks = this.#tasks.map((t) => (t.id === id ? { ...t, progress: Math.max(0, Math.min(1, fraction)) } : t));
    };
    try {
      return await (typeof work === 'function' ? (work as (report: (fraction: number) => void) => W)(report) : work);
    } finally {
      clearTimeout(timer);
      this.#tasks = this.#tasks.filter((t) => t.id !== id);
      this.#shownIds = this.#shownIds.filter((t) => t !== id);
    }
  }
}
