/**
 * Page smoothness while training: serves the production build, opens it in Chromium, loads a
 * 2 → 6×8 tanh → 1 network on the spiral, presses play and records requestAnimationFrame intervals
 * for 5 s, alongside the worker's training steps per second. Prints figures, never fails on a slow machine.
 *   npm run bench:page            (builds first if build/ is missing)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { launch } from '../tests/e2e/browser';
import { defaultState } from '../src/lib/model/defaults';
import { buildStack } from '../src/lib/model/build';
import type { PlaygroundState } from '../src/lib/model/playground';

const PORT = Number(process.env.BENCH_PORT ?? 4393);
const SECONDS = 5;

async function waitForHttp(url: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
}

async function main() {
  if (!existsSync('build/index.html')) spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], {
    stdio: 'ignore',
    detached: true
  });
  const browser = await launch();
  try {
    await waitForHttp(`http://127.0.0.1:${PORT}/`);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.waitForFunction(() => (window as unknown as { __axon?: { snapshot: unknown } }).__axon?.snapshot, null, { timeout: 30_000 });
    const state: PlaygroundState = {
      ...defaultState(),
      doc: buildStack({
        inputs: [
          { label: 'x1', features: [{ op: 'id', a: 0 }] },
          { label: 'x2', features: [{ op: 'id', a: 1 }] }
        ],
        hidden: Array.from({ length: 6 }, () => ({ units: 8, activation: 'tanh' as const })),
        output: { units: 1, activation: 'sigmoid' }
      }),
      data: { kind: 'generated', generator: 'spiral', count: 500, noise: 0, testFraction: 0.5, seed: 1 }
    };
    await page.evaluate((s) => (window as unknown as { __axon: { loadState: (s: unknown) => Promise<boolean> } }).__axon.loadState(s), state);
    // The page trains at a watchable pace by default; the bench measures flat out.
    await page.evaluate(() => (window as unknown as { __axon: { setPace: (epochsPerSecond: number) => void } }).__axon.setPace(0));
    // tsx (esbuild) names inner functions with a `__name` helper that does not exist in the page.
    await page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
    await page.getByTestId('play').click();
    await page.waitForTimeout(1000);
    const result = await page.evaluate(async (seconds) => {
      const pg = (window as unknown as { __axon: { snapshot: { stepsPerSecond: number; step: number } } }).__axon;
      const intervals: number[] = [];
      const stepStart = pg.snapshot.step;
      const editorStart = (window as unknown as { __axonEditor?: { stats(): Record<string, number> | null } }).__axonEditor?.stats() ?? null;
      const start = performance.now();
      let last = start;
      await new Promise<void>((resolve) => {
        const tick = (now: number) => {
          intervals.push(now - last);
          last = now;
          if (now - start < seconds * 1000) requestAnimationFrame(tick);
          else resolve();
        };
        requestAnimationFrame(tick);
      });
      const elapsed = (performance.now() - start) / 1000;
      const editor = (window as unknown as { __axonEditor?: { stats(): Record<string, number> | null } }).__axonEditor?.stats() ?? null;
      const sorted = [...intervals].sort((a, b) => a - b);
      return {
        fps: intervals.length / elapsed,
        p95FrameMs: sorted[Math.floor(sorted.length * 0.95)],
        worstFrameMs: sorted[sorted.length - 1],
        stepsPerSecond: (pg.snapshot.step - stepStart) / elapsed,
        samplesPerSecond: ((pg.snapshot.step - stepStart) / elapsed) * 10,
        editor: editor && editorStart ? { ...editor, start: editorStart } : null
      };
    }, SECONDS);
    console.log(`\nPage while training 2 → 6×8 tanh → 1 on the spiral (batch 10), ${SECONDS} s in headless Chromium:`);
    console.log(`  frame rate        ${result.fps.toFixed(1)} fps (p95 frame ${result.p95FrameMs.toFixed(1)} ms, worst ${result.worstFrameMs.toFixed(1)} ms)`);
    console.log(`  training          ${Math.round(result.stepsPerSecond).toLocaleString('en-US')} steps/s (${Math.round(result.samplesPerSecond).toLocaleString('en-US')} samples/s)`);
    const ed = result.editor as (Record<string, number> & { start: Record<string, number> }) | null;
    if (ed) {
      // What the network canvas did per second (fields a renderer does not report print as NaN).
      const rate = (key: string) => ((ed[key] - ed.start[key]) / SECONDS).toFixed(1);
      console.log(
        `  network canvas    ${rate('frames')} renders/s, ${rate('snapshots')} snapshots/s received, ${rate('liveUpdates')} drawn/s, ` +
          `${rate('edgeRedraws')} edge redraws/s, ${rate('textureUploads')} heat-map uploads/s, antialias ${ed.antialias}`
      );
    }
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify({ workload: 'page-2-6x8-1', engine: 'axon-worker', fps: result.fps, steps_per_s: result.stepsPerSecond }));
    }
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
