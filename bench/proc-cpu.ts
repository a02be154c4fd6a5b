/**
 * CPU time of the browser's processes and threads, read from /proc (Linux only; elsewhere it reports nothing).
 * On a loaded machine frame rates move with everyone else's work; the CPU time the page's own threads
 * use per second of training is the steadier measure of what drawing costs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** clock ticks per second of /proc/.../stat times (USER_HZ, 100 on Linux) */
const TICKS = 100;

type Ticks = Map<string, number>;

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** utime + stime of a /proc stat line, and its parent pid. */
function parseStat(stat: string): { ppid: number; ticks: number } {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
}

function processKind(pid: number): string {
  const cmd = read(`/proc/${pid}/cmdline`) ?? '';
  if (!cmd.includes('chrom')) return 'other';
  return /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
}

/** Ticks per "process kind/thread name" for `root` and all its descendants. */
export function cpuTicks(root: number | undefined): Ticks {
  const out: Ticks = new Map();
  if (!root || !existsSync('/proc')) return out;
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const stat = read(`/proc/${pid}/stat`);
    if (stat) parents.set(pid, parseStat(stat).ppid);
  }
  const descends = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; p = parents.get(p) ?? 0, hops++) if (p === root) return true;
    return false;
  };
  for (const pid of parents.keys()) {
    if (!descends(pid)) continue;
    const kind = processKind(pid);
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      const stat = read(`/proc/${pid}/task/${tid}/stat`);
      const comm = (read(`/proc/${pid}/task/${tid}/comm`) ?? '?').trim();
      if (!stat) continue;
      const key = `${kind}/${comm}`;
      out.set(key, (out.get(key) ?? 0) + parseStat(stat).ticks);
    }
  }
  return out;
}

/** Cores used per key between two readings `seconds` apart, largest first, above `min` cores. */
export function coresUsed(before: Ticks, after: Ticks, seconds: number, min = 0.02): [string, number][] {
  const rows: [string, number][] = [];
  for (const [key, t] of after) {
    const used = (t - (before.get(key) ?? 0)) / TICKS / seconds;
    if (used >= min) rows.push([key, used]);
  }
  return rows.sort((a, b) => b[1] - a[1]);
}
